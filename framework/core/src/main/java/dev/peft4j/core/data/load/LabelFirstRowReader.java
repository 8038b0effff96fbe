package dev.peft4j.core.data.load;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Lines of the form {@code label text}: the label up to the first space or tab, the text after it. Blank lines are
 * ignored; LF, CRLF and lone CR all end a line.
 */
final class LabelFirstRowReader implements RowReader {

    private final SourceSettings settings;
    private final BadRows badRows;
    private final RowAssembler assembler;

    LabelFirstRowReader(SourceSettings settings, BadRows badRows, RowAssembler assembler) {
        this.settings = settings;
        this.badRows = badRows;
        this.assembler = assembler;
    }

    @Override
    public void read(Path file, String displayName, Consumer<RawRow> rows) {
        TextInput.forEachNonBlankLine(file, displayName, settings.encoding(), (line, text) -> {
            int cut = firstSeparator(text);
            if (cut < 0) {
                badRows.reject(displayName, line, "missing text",
                        "expected 'label text', found a single word: '" + text + "'");
                return;
            }
            RawRow row = assembler.assemble(displayName, line, text.substring(cut + 1), null, text.substring(0, cut));
            if (row != null) {
                rows.accept(row);
            }
        });
    }

    private static int firstSeparator(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
