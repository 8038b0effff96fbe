package dev.peft4j.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.data.TestSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFirstRowReaderTest {

    @TempDir
    Path dir;

    @Test
    void labelIsUpToTheFirstSpaceAndTheTextIsTheRest() {
        Path file = ReadRows.write(dir, "s.txt", "1 a stirring , funny film\r\n0 dull\n\nNUM:dist How far ?\n");

        ReadRows read = ReadRows.of(file, "format = label-first, header = false");

        assertThat(read.rows).containsExactly(new RawRow("s.txt", 1, "a stirring , funny film", null, "1"),
                new RawRow("s.txt", 2, "dull", null, "0"), new RawRow("s.txt", 4, "How far ?", null, "NUM:dist"));
    }

    @Test
    void aLineWithoutTextIsABadRow() {
        Path file = ReadRows.write(dir, "s.txt", "1 fine\nlonely\n");

        assertThatThrownBy(() -> ReadRows.of(file, "format = label-first, header = false"))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("s.txt:2: expected 'label text'");
    }

    @Test
    void labelFirstWithHeaderIsRejectedInSettings() {
        assertThatThrownBy(() -> TestSettings.settings("train = x, format = label-first, header = true"))
                .hasMessageContaining("set data.header = false");
    }
}
