package dev.peft4j.core.data.load;

import dev.peft4j.core.data.DataException;
import java.nio.file.Path;
import java.util.Locale;

/** How a data file is laid out. */
public enum FileFormat {
    /** Chosen from the file's extension: {@code .csv}, {@code .tsv}/{@code .tab}, {@code .jsonl}/{@code .ndjson}. */
    AUTO,
    /** RFC 4180: comma-separated, fields may be "quoted" (and then hold commas, quotes and line breaks). */
    CSV,
    /** Tab-separated, no quoting: a quote character is text (GLUE files quote nothing and contain quotes). */
    TSV,
    /** One JSON object per line; columns are field names. */
    JSONL,
    /** Each line is a label, one space or tab, then the text to the end of the line (SST sentences, TREC). */
    LABEL_FIRST;

    /** This format, or for {@link #AUTO} the one the file's extension names. */
    public FileFormat resolve(Path file) {
        if (this != AUTO) {
            return this;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return TSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        throw new DataException("cannot tell the format of " + file + " from its extension: set data.format to"
                + " csv, tsv, jsonl or label-first");
    }
}
