package dev.peft4j.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedRowReaderTest {

    @TempDir
    Path dir;

    @Test
    void tsvKeepsQuoteCharactersAsText() {
        Path file = ReadRows.write(dir, "q.tsv", "label\ttext\n1\t\"quoted\" start\n0\the said \"hi\n1\t\"\n");

        ReadRows read = ReadRows.of(file, "");

        assertThat(read.texts()).containsExactly("\"quoted\" start", "he said \"hi", "\"");
        assertThat(read.badRows.total()).isZero();
    }

    @Test
    void lfCrlfAndLoneCrAllEndARowAndLinesAreCountedForEach() {
        Path file = ReadRows.write(dir, "mixed.tsv", "label\ttext\r\n1\ta\r0\tb\n1\tc\r\n0\td");

        ReadRows read = ReadRows.of(file, "");

        assertThat(read.texts()).containsExactly("a", "b", "c", "d");
        assertThat(read.lines()).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void csvQuotedFieldsMayHoldDelimitersQuotesAndLineBreaks() {
        Path file = ReadRows.write(dir, "q.csv", "label,text\n1,\"a, \"\"b\"\"\nc\"\n0,plain\n");

        ReadRows read = ReadRows.of(file, "");

        assertThat(read.texts()).containsExactly("a, \"b\"\nc", "plain");
        assertThat(read.lines()).containsExactly(2L, 4L);
    }

    @Test
    void wrongColumnCountIsSkippedAndCountedUnderSkip() {
        Path file = ReadRows.write(dir, "bad.tsv", "label\ttext\n1\tgood\n0\ttoo\tmany\n1\n0\tfine\n");

        ReadRows read = ReadRows.of(file, "on-bad-row = skip");

        assertThat(read.texts()).containsExactly("good", "fine");
        assertThat(read.badRows.counts()).isEqualTo(Map.of("wrong column count", 2L));
        assertThat(read.badRows.samples()).extracting(BadRows.Sample::line).containsExactly(3L, 4L);
        assertThat(read.badRows.samples().get(0).detail()).contains("expected 2 columns", "found 3");
    }

    @Test
    void wrongColumnCountFailsWithFileAndLineUnderFail() {
        Path file = ReadRows.write(dir, "bad.tsv", "label\ttext\n1\tgood\n0\ttoo\tmany\n");

        assertThatThrownBy(() -> ReadRows.of(file, "on-bad-row = fail"))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("bad.tsv:3: expected 2 columns")
                .hasMessageContaining("data.on-bad-row = skip");
    }

    @Test
    void badRowAfterAMultiLineCsvRecordIsReportedAtItsOwnLine() {
        Path file = ReadRows.write(dir, "m.csv", "label,text\n1,\"two\nlines\"\n0,x,extra\n");

        assertThatThrownBy(() -> ReadRows.of(file, ""))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("m.csv:4:");
    }

    @Test
    void unclosedCsvQuoteStopsTheRunNamingTheFile() {
        Path file = ReadRows.write(dir, "open.csv", "label,text\n1,ok\n0,\"never closed\n1,next\n");

        assertThatThrownBy(() -> ReadRows.of(file, "on-bad-row = skip"))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("open.csv:")
                .hasMessageContaining("data.format = tsv");
    }

    @Test
    void unknownHeaderColumnListsTheHeader() {
        Path file = ReadRows.write(dir, "h.tsv", "label\tsentence\n1\tx\n");

        assertThatThrownBy(() -> ReadRows.of(file, "text-column = content"))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("h.tsv:1: no column named 'content'")
                .hasMessageContaining("[label, sentence]");
    }

    @Test
    void withoutHeaderColumnsAreChosenByIndexAndTheFirstRowIsData() {
        Path file = ReadRows.write(dir, "n.tsv", "a\tfirst\t1\nb\tsecond\t0\n");

        ReadRows read = ReadRows.of(file, "header = false, text-column = 1, label-column = 2");

        assertThat(read.texts()).containsExactly("first", "second");
        assertThat(read.rows).extracting(RawRow::label).containsExactly("1", "0");
    }

    @Test
    void columnIndexBeyondTheFirstRowIsAConfigurationError() {
        Path file = ReadRows.write(dir, "n.tsv", "first\t1\n");

        assertThatThrownBy(() -> ReadRows.of(file, "header = false, text-column = 0, label-column = 5"))
                .isInstanceOf(DataFileException.class)
                .hasMessageContaining("n.tsv:1: the first row has 2 columns");
    }

    @Test
    void utf8ByteOrderMarkIsNotPartOfTheFirstHeaderName() {
        byte[] body = "label\ttext\n1\tx\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Path file = ReadRows.write(dir, "bom.tsv", withBom);

        assertThat(ReadRows.of(file, "").rows).extracting(RawRow::label).containsExactly("1");
    }

    @Test
    void invalidBytesForTheEncodingFailWithTheLineOfTheFirstBadByte() {
        byte[] latin1 = "label\ttext\n1\tfine\n0\tcaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = ReadRows.write(dir, "latin.tsv", latin1);

        assertThatThrownBy(() -> ReadRows.of(file, "on-bad-row = skip"))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("latin.tsv:3: the file is not valid UTF-8")
                .hasMessageContaining("data.encoding");
        assertThat(ReadRows.of(file, "encoding = ISO-8859-1").texts()).containsExactly("fine", "caf\u00e9");
    }

    @Test
    void blankLinesAreNotRows() {
        Path file = ReadRows.write(dir, "b.tsv", "label\ttext\n\n1\ta\n\n\n0\tb\n\n");

        ReadRows read = ReadRows.of(file, "");

        assertThat(read.texts()).containsExactly("a", "b");
        assertThat(read.lines()).containsExactly(3L, 6L);
    }
}
