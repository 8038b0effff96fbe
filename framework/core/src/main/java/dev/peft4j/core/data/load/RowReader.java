package dev.peft4j.core.data.load;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Streams the rows of one data file, one at a time: nothing but the current row is held in memory. */
public interface RowReader {

    /**
     * Reads every row of {@code file}, handing good rows to {@code rows} and bad ones to the reader's
     * {@link BadRows}.
     *
     * @param displayName how the file is named in ids and messages (usually its file name)
     * @throws DataFileException when the file cannot be read at all, or a bad row meets {@code on-bad-row = fail}
     */
    void read(Path file, String displayName, Consumer<RawRow> rows);

    /** The reader for a file of the given (resolved, not {@code auto}) format. */
    static RowReader create(FileFormat format, SourceSettings settings, BadRows badRows) {
        RowAssembler assembler = new RowAssembler(settings, badRows);
        return switch (format) {
            case CSV, TSV -> new DelimitedRowReader(format, settings, badRows, assembler);
            case JSONL -> new JsonlRowReader(settings, badRows, assembler);
            case LABEL_FIRST -> new LabelFirstRowReader(settings, badRows, assembler);
            case AUTO -> throw new IllegalArgumentException("resolve the format of the file first");
        };
    }
}
