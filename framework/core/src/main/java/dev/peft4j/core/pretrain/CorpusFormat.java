package dev.peft4j.core.pretrain;

import java.nio.file.Path;
import java.util.Locale;

/** How an unlabelled text file is laid out ({@code pretrain.text.format}). */
public enum CorpusFormat {
    /** From the extension: {@code .jsonl}/{@code .ndjson}, {@code .csv}, {@code .tsv}/{@code .tab}; else text. */
    AUTO,
    /** Plain text: one document per line, or per paragraph ({@code pretrain.text.documents}). */
    TEXT,
    /** A labelled file written {@code label text} per line (SST, TREC): the text after the first space or tab. */
    LABEL_FIRST,
    /** One JSON object per line; the text is the field {@code pretrain.text.column}. */
    JSONL,
    /** RFC 4180 comma-separated values; the text is the column {@code pretrain.text.column}. */
    CSV,
    /** Tab-separated values without quoting; the text is the column {@code pretrain.text.column}. */
    TSV;

    /** This format, or for {@link #AUTO} the one the file's extension names (text for any other extension). */
    public CorpusFormat resolve(Path file) {
        if (this != AUTO) {
            return this;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return TSV;
        }
        return TEXT;
    }
}
