package dev.peft4j.core.data.load;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV (RFC 4180, quoted fields allowed) and TSV (no quoting at all) through Commons CSV. Every row must have as many
 * columns as the header, or as the first row when there is no header; LF, CRLF and lone CR all end a row.
 */
final class DelimitedRowReader implements RowReader {

    private final FileFormat format;
    private final SourceSettings settings;
    private final BadRows badRows;
    private final RowAssembler assembler;

    DelimitedRowReader(FileFormat format, SourceSettings settings, BadRows badRows, RowAssembler assembler) {
        this.format = format;
        this.settings = settings;
        this.badRows = badRows;
        this.assembler = assembler;
    }

    @Override
    public void read(Path file, String displayName, Consumer<RawRow> rows) {
        long line = 0;
        try (Reader reader = TextInput.open(file, settings.encoding());
             CSVParser parser = CSVParser.parse(reader, csvFormat())) {
            Iterator<CSVRecord> records = parser.iterator();
            Columns columns = null;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                line = startLine(parser, record);
                if (columns == null) {
                    columns = settings.header() ? Columns.fromHeader(record, settings, displayName, line)
                            : Columns.fromFirstRow(record.size(), settings, displayName, line);
                    if (settings.header()) {
                        continue;
                    }
                }
                if (record.size() != columns.expected()) {
                    badRows.reject(displayName, line, "wrong column count", "expected " + columns.expected()
                            + " columns (" + columns.basis() + "), found " + record.size());
                    continue;
                }
                RawRow row = assembler.assemble(displayName, line, record.get(columns.text()),
                        columns.pair() < 0 ? null : record.get(columns.pair()), record.get(columns.label()));
                if (row != null) {
                    rows.accept(row);
                }
            }
        } catch (CharacterCodingException e) {
            throw TextInput.undecodable(file, displayName, settings.encoding(), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException coding) {
                throw TextInput.undecodable(file, displayName, settings.encoding(), coding);
            }
            throw new DataFileException(displayName, line + 1, "cannot parse as " + format.name()
                    + " after this line: " + e.getCause().getMessage()
                    + (format == FileFormat.CSV ? " (a quoted field is not closed? TSV files need data.format = tsv)"
                    : ""), e);
        } catch (IOException e) {
            throw new DataFileException(displayName, line, "cannot read the file: " + e.getMessage(), e);
        }
    }

    private CSVFormat csvFormat() {
        CSVFormat base = format == FileFormat.CSV ? CSVFormat.RFC4180 : CSVFormat.TDF;
        CSVFormat.Builder builder = base.builder()
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false);
        if (format == FileFormat.TSV) {
            builder.setQuote(null).setEscape(null);
        }
        return builder.get();
    }

    /** The line a record starts on: the parser stands at its last line, which is later if fields hold breaks. */
    private long startLine(CSVParser parser, CSVRecord record) {
        long end = parser.getCurrentLineNumber();
        if (format == FileFormat.TSV) {
            return end;
        }
        long breaks = 0;
        for (String value : record) {
            breaks += lineBreaks(value);
        }
        return end - breaks;
    }

    private static long lineBreaks(String value) {
        long count = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || (c == '\n' && (i == 0 || value.charAt(i - 1) != '\r'))) {
                count++;
            }
        }
        return count;
    }

    /** Resolved column positions and the column count every row must have. */
    private record Columns(int text, int pair, int label, int expected, String basis) {

        static Columns fromHeader(CSVRecord header, SourceSettings settings, String file, long line) {
            List<String> names = header.toList();
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                positions.putIfAbsent(names.get(i).trim(), i);
            }
            String basis = "as the header";
            return new Columns(position(settings.textColumn(), positions, names, file, line, "text-column"),
                    settings.pairColumn() == null ? -1
                            : position(settings.pairColumn(), positions, names, file, line, "text-pair-column"),
                    position(settings.labelColumn(), positions, names, file, line, "label-column"),
                    names.size(), basis);
        }

        static Columns fromFirstRow(int size, SourceSettings settings, String file, long line) {
            int text = settings.textColumn().index();
            int pair = settings.pairColumn() == null ? -1 : settings.pairColumn().index();
            int label = settings.labelColumn().index();
            int needed = Math.max(text, Math.max(pair, label)) + 1;
            if (needed > size) {
                throw new DataFileException(file, line, "the first row has " + size + " columns but the settings"
                        + " use column #" + (needed - 1) + " (0-based): check data.text-column, data.label-column,"
                        + " data.text-pair-column and data.format");
            }
            return new Columns(text, pair, label, size, "as the first row");
        }

        private static int position(ColumnRef ref, Map<String, Integer> positions, List<String> names,
                                    String file, long line, String key) {
            if (!ref.byName()) {
                if (ref.index() >= names.size()) {
                    throw new DataFileException(file, line, "data." + key + " = " + ref.index() + " but the header"
                            + " has only " + names.size() + " columns " + names);
                }
                return ref.index();
            }
            Integer position = positions.get(ref.name());
            if (position == null) {
                throw new DataFileException(file, line, "no column named '" + ref.name() + "' for data." + key
                        + "; the header has " + names + ": set data." + key + " to one of them or to a 0-based"
                        + " index (and data.header = false if the first row is data)");
            }
            return position;
        }
    }
}
