package dev.peft4j.core.data.load;

import java.io.IOException;
import java.io.LineNumberReader;
import java.nio.charset.CharacterCodingException;
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
        long line = 0;
        try (LineNumberReader reader = new LineNumberReader(TextInput.open(file, settings.encoding()))) {
            String text;
            while ((text = reader.readLine()) != null) {
                line = reader.getLineNumber();
                if (text.isBlank()) {
                    continue;
                }
                int cut = firstSeparator(text);
                if (cut < 0) {
                    badRows.reject(displayName, line, "missing text",
                            "expected 'label text', found a single word: '" + text + "'");
                    continue;
                }
                RawRow row = assembler.assemble(displayName, line, text.substring(cut + 1), null,
                        text.substring(0, cut));
                if (row != null) {
                    rows.accept(row);
                }
            }
        } catch (CharacterCodingException e) {
            throw TextInput.undecodable(file, displayName, settings.encoding(), e);
        } catch (IOException e) {
            throw new DataFileException(displayName, line, "cannot read the file: " + e.getMessage(), e);
        }
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
