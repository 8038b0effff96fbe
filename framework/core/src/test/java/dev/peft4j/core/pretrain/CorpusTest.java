package dev.peft4j.core.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.data.DataException;
import dev.peft4j.core.data.load.ColumnRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {

    @TempDir
    Path work;

    private static CorpusSettings settings(CorpusFormat format, DocumentUnit unit, ColumnRef column, boolean header,
                                           Path... files) {
        return new CorpusSettings(List.of(files), format, unit, column, header, StandardCharsets.UTF_8);
    }

    private static CorpusSettings text(DocumentUnit unit, Path... files) {
        return settings(CorpusFormat.AUTO, unit, ColumnRef.named("text"), true, files);
    }

    private static List<Document> read(CorpusSettings settings) {
        List<Document> documents = new ArrayList<>();
        Corpus.open(settings).forEach(documents::add);
        return documents;
    }

    private Path file(String name, String content) throws Exception {
        Path path = work.resolve(name);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, content);
    }

    @Test
    void plainTextIsOneDocumentPerLineOrPerParagraph() throws Exception {
        Path notes = file("notes.txt", "First line.\n\n  Second line  \nthird\n\n\nLast.\n");

        assertThat(read(text(DocumentUnit.LINE, notes))).extracting(Document::text)
                .containsExactly("First line.", "Second line", "third", "Last.");
        List<Document> paragraphs = read(text(DocumentUnit.PARAGRAPH, notes));
        assertThat(paragraphs).extracting(Document::text).containsExactly("First line.", "Second line third",
                "Last.");
        assertThat(paragraphs).extracting(Document::source).containsExactly(notes + ":1", notes + ":3", notes + ":7");
    }

    @Test
    void aFolderStandsForItsTextFilesInPathOrder() throws Exception {
        file("corpus/b.txt", "bee\n");
        file("corpus/a/z.txt", "zed\n");
        file("corpus/a.TXT", "ay\n");
        file("corpus/skip.md", "not text\n");

        assertThat(read(text(DocumentUnit.LINE, work.resolve("corpus")))).extracting(Document::text)
                .containsExactly("ay", "zed", "bee");
    }

    @Test
    void labelFirstJsonlCsvAndTsvGiveTheirTextColumn() throws Exception {
        Path sst = file("train.txt", "1 a fine film\n0 dull\n");
        Path jsonl = file("reviews.jsonl", "{\"id\": 1, \"body\": \"one\"}\n\n{\"body\": \"two\", \"x\": 3}\n");
        Path csv = file("reviews.csv", "id,body\n1,\"quoted, with\nline break\"\n2,plain\n");
        Path tsv = file("reviews.tsv", "7\t\"as is\"\n8\tsecond\n");

        assertThat(read(settings(CorpusFormat.LABEL_FIRST, DocumentUnit.LINE, ColumnRef.named("text"), true, sst)))
                .extracting(Document::text).containsExactly("a fine film", "dull");
        assertThat(read(settings(CorpusFormat.AUTO, DocumentUnit.LINE, ColumnRef.named("body"), true, jsonl, csv)))
                .extracting(Document::text).containsExactly("one", "two", "quoted, with\nline break", "plain");
        assertThat(read(settings(CorpusFormat.AUTO, DocumentUnit.LINE, ColumnRef.at(1), false, tsv)))
                .extracting(Document::text).containsExactly("\"as is\"", "second");
    }

    @Test
    void unreadableInputStopsWithFileLineAndWhatToChange() throws Exception {
        Path jsonl = file("bad.jsonl", "{\"text\": \"fine\"}\n{\"text\": \n");
        assertThatThrownBy(() -> read(text(DocumentUnit.LINE, jsonl)))
                .isInstanceOf(DataException.class).hasMessageContaining(jsonl + ":2", "not a JSON object");

        Path field = file("field.jsonl", "{\"body\": \"x\"}\n");
        assertThatThrownBy(() -> read(text(DocumentUnit.LINE, field)))
                .hasMessageContaining(field + ":1", "no text field 'text'", "[body]");

        Path csv = file("cols.csv", "id,body\n1,x\n");
        assertThatThrownBy(() -> read(text(DocumentUnit.LINE, csv)))
                .hasMessageContaining(csv + ":1", "no column named 'text'", "[id, body]");

        Path latin = work.resolve("latin.txt");
        Files.write(latin, new byte[] {'o', 'k', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> read(text(DocumentUnit.LINE, latin)))
                .hasMessageContaining(latin + ":2", "not valid UTF-8", "pretrain.text.encoding");

        Path unlabelled = file("plain.txt", "1 fine\nnolabel\n");
        assertThatThrownBy(() -> read(settings(CorpusFormat.LABEL_FIRST, DocumentUnit.LINE, ColumnRef.named("text"),
                true, unlabelled))).hasMessageContaining(unlabelled + ":2", "format = text");

        assertThatThrownBy(() -> Corpus.open(text(DocumentUnit.LINE, work.resolve("missing.txt"))))
                .isInstanceOf(DataException.class).hasMessageContaining("missing.txt", "does not exist");
        Files.createDirectories(work.resolve("empty"));
        assertThatThrownBy(() -> Corpus.open(text(DocumentUnit.LINE, work.resolve("empty"))))
                .hasMessageContaining("holds no .txt file");
    }
}
