package dev.peft4j.core.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.data.TestSettings;
import org.junit.jupiter.api.Test;

class RowFilterTest {

    private static RowFilter filter(String clean) {
        return new RowFilter(TestSettings.settings("train = x, " + clean).clean());
    }

    @Test
    void emptyTextOrPairIsDroppedWhenConfigured() {
        assertThat(filter("").dropReason("", null)).isEqualTo("empty text");
        assertThat(filter("").dropReason("a", "")).isEqualTo("empty text");
        assertThat(filter("clean.drop-empty = false").dropReason("", null)).isNull();
    }

    @Test
    void wordBoundsApplyToEachTextOfAPair() {
        RowFilter filter = filter("clean.length { unit = words, min = 2, max = 4 }");

        assertThat(filter.dropReason("one", null)).isEqualTo("shorter than 2 words");
        assertThat(filter.dropReason("one two", "a b c d e")).isEqualTo("longer than 4 words");
        assertThat(filter.dropReason("one two", "a b c d")).isNull();
    }

    @Test
    void characterBoundsCountCodePoints() {
        RowFilter filter = filter("clean.length { unit = chars, min = 0, max = 3 }");

        assertThat(filter.dropReason("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", null)).isNull();
        assertThat(filter.dropReason("abcd", null)).isEqualTo("longer than 3 characters");
    }
}
