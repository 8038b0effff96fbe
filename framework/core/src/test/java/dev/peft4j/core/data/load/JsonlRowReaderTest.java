package dev.peft4j.core.data.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlRowReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTextPairAndNumericOrStringLabelsByFieldName() {
        Path file = ReadRows.write(dir, "p.jsonl", """
                {"s1": "a man", "s2": "a person", "score": 4.5}
                {"score": "1.0", "s2": "y", "s1": "x", "extra": [1, 2]}
                """);

        ReadRows read = ReadRows.of(file,
                "text-column = s1, text-pair-column = s2, label-column = score, label-type = float");

        assertThat(read.rows).containsExactly(new RawRow("p.jsonl", 1, "a man", "a person", "4.5"),
                new RawRow("p.jsonl", 2, "x", "y", "1.0"));
    }

    @Test
    void malformedRowsAreCountedByReason() {
        Path file = ReadRows.write(dir, "b.jsonl", """
                {"text": "ok", "label": "pos"}
                {"text": "broken", "label":
                ["not", "an", "object"]
                {"label": "pos"}
                {"text": 42, "label": "pos"}
                {"text": "no label"}
                {"text": "nested", "label": {"a": 1}}

                {"text": "ok too", "label": "neg"}
                """);

        ReadRows read = ReadRows.of(file, "on-bad-row = skip");

        assertThat(read.texts()).containsExactly("ok", "ok too");
        assertThat(read.lines()).containsExactly(1L, 9L);
        assertThat(read.badRows.counts()).isEqualTo(Map.of("invalid json", 1L, "not a json object", 1L,
                "missing text", 1L, "text is not a string", 1L, "missing label", 1L, "unparseable label", 1L));
    }

    @Test
    void failPolicyNamesTheLineOfInvalidJson() {
        Path file = ReadRows.write(dir, "b.jsonl", "{\"text\": \"ok\", \"label\": 1}\n{oops}\n");

        assertThatThrownBy(() -> ReadRows.of(file, ""))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("b.jsonl:2: not valid JSON");
    }
}
