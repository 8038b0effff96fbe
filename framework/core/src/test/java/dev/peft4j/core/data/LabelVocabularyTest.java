package dev.peft4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelVocabularyTest {

    @TempDir
    Path dir;

    @Test
    void integerLabelsSortNumericallyAndNamesByCodePoint() {
        assertThat(LabelVocabulary.sorted(List.of("10", "2", "-1", "0")).names()).containsExactly("-1", "0", "2", "10");
        assertThat(LabelVocabulary.sorted(List.of("spam", "ham", "Ham")).names()).containsExactly("Ham", "ham", "spam");
    }

    @Test
    void indicesFollowTheOrder() {
        LabelVocabulary vocabulary = LabelVocabulary.ordered(List.of("neg", "pos"));

        assertThat(vocabulary.indexOf("pos")).isEqualTo(1);
        assertThat(vocabulary.indexOf("neutral")).isEqualTo(-1);
        assertThat(vocabulary.name(0)).isEqualTo("neg");
    }

    @Test
    void savedVocabularyLoadsBackAndLeavesNoTemporaryFile() throws Exception {
        LabelVocabulary vocabulary = LabelVocabulary.sorted(List.of("LOC", "ABBR", "NUM"));
        Path file = dir.resolve("run/labels.json");

        vocabulary.save(file);

        assertThat(LabelVocabulary.load(file)).isEqualTo(vocabulary);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }
}
