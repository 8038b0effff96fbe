package dev.peft4j.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowAssemblerTest {

    @TempDir
    Path dir;

    @Test
    void integerLabelsRejectAnythingElse() {
        Path file = ReadRows.write(dir, "i.tsv", "label\ttext\n1\ta\n1.5\tb\nx\tc\n-3\td\n");

        ReadRows read = ReadRows.of(file, "label-type = integer, on-bad-row = skip");

        assertThat(read.rows).extracting(RawRow::label).containsExactly("1", "-3");
        assertThat(read.badRows.counts()).isEqualTo(Map.of("unparseable label", 2L));
    }

    @Test
    void floatLabelsRejectTextAndNonFiniteNumbers() {
        Path file = ReadRows.write(dir, "f.tsv", "label\ttext\n4.250\ta\nNaN\tb\nfive\tc\n1e-1\td\nInfinity\te\n");

        ReadRows read = ReadRows.of(file, "label-type = float, on-bad-row = skip");

        assertThat(read.rows).extracting(RawRow::label).containsExactly("4.250", "1e-1");
        assertThat(read.badRows.counts()).isEqualTo(Map.of("unparseable label", 3L));
    }

    @Test
    void missingLabelIsABadRow() {
        Path file = ReadRows.write(dir, "m.tsv", "label\ttext\n \ta\n1\tb\n");

        ReadRows read = ReadRows.of(file, "on-bad-row = skip");

        assertThat(read.texts()).containsExactly("b");
        assertThat(read.badRows.counts()).isEqualTo(Map.of("missing label", 1L));
    }

    @Test
    void labelPatternKeepsItsFirstGroupAndRejectsRowsItDoesNotMatch() {
        Path file = ReadRows.write(dir, "p.tsv", "label\ttext\nLOC:city\ta\nlower:x\tb\nNUM:date\tc\n");

        ReadRows read = ReadRows.of(file, "label-pattern = \"^([A-Z]+):\", on-bad-row = skip");

        assertThat(read.rows).extracting(RawRow::label).containsExactly("LOC", "NUM");
        assertThat(read.badRows.counts()).isEqualTo(Map.of("label does not match label-pattern", 1L));
    }
}
