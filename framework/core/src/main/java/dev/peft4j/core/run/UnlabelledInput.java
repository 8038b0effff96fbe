package dev.peft4j.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.data.DataException;
import dev.peft4j.core.data.DataSettings;
import dev.peft4j.core.data.clean.TextCleaner;
import dev.peft4j.core.data.load.ColumnRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Rows without labels for {@code peft4j predict}, read in the run's way and cleaned by the run's cleaning steps:
 * <ul>
 *   <li>{@code .jsonl} / {@code .ndjson}: one object per line, the run's {@code data.text-column} (and
 *       {@code data.text-pair-column}) as field names;</li>
 *   <li>{@code .csv} / {@code .tsv} / {@code .tab}: the run's text column(s), by header name or 0-based index as the
 *       run's {@code data.header} says; a label column may be there and is ignored;</li>
 *   <li>anything else: one text per line (a sentence pair as the two texts separated by a tab).</li>
 * </ul>
 * Every row is kept, in file order, so that the predictions line up with the input.
 */
final class UnlabelledInput {

    /** One row: its place and its cleaned text(s). */
    record Row(String id, String text, String pair) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private UnlabelledInput() {
    }

    static List<Row> read(Path file, DataSettings data) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        TextCleaner cleaner = new TextCleaner(data.clean());
        boolean paired = data.source().pairColumn() != null;
        List<Row> rows;
        try {
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                rows = jsonl(file, data, paired);
            } else if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".tab")) {
                rows = delimited(file, data, paired, name.endsWith(".csv"));
            } else {
                rows = lines(file, data, paired);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Row> cleaned = new ArrayList<>(rows.size());
        for (Row row : rows) {
            cleaned.add(new Row(row.id(), cleaner.clean(row.text()),
                    row.pair() == null ? null : cleaner.clean(row.pair())));
        }
        if (cleaned.isEmpty()) {
            throw new DataException(file + " holds no rows to predict");
        }
        return cleaned;
    }

    private static List<Row> lines(Path file, DataSettings data, boolean paired) throws IOException {
        List<Row> rows = new ArrayList<>();
        String display = file.getFileName().toString();
        try (BufferedReader reader = Files.newBufferedReader(file, data.source().encoding())) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (paired) {
                    int tab = line.indexOf('\t');
                    if (tab < 0) {
                        throw new DataException(display + ":" + number + ": the model reads sentence pairs; write"
                                + " each row as the first text, a tab, and the second text");
                    }
                    rows.add(new Row(display + ":" + number, line.substring(0, tab), line.substring(tab + 1)));
                } else {
                    rows.add(new Row(display + ":" + number, line, null));
                }
            }
        }
        return rows;
    }

    private static List<Row> jsonl(Path file, DataSettings data, boolean paired) throws IOException {
        String textField = fieldName(data.source().textColumn(), "data.text-column");
        String pairField = paired ? fieldName(data.source().pairColumn(), "data.text-pair-column") : null;
        List<Row> rows = new ArrayList<>();
        String display = file.getFileName().toString();
        try (BufferedReader reader = Files.newBufferedReader(file, data.source().encoding())) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                String id = display + ":" + number;
                rows.add(new Row(id, text(node, textField, id), pairField == null ? null : text(node, pairField, id)));
            }
        }
        return rows;
    }

    private static List<Row> delimited(Path file, DataSettings data, boolean paired, boolean csv) throws IOException {
        CSVFormat format = (csv ? CSVFormat.RFC4180 : CSVFormat.TDF).builder().setIgnoreEmptyLines(true)
                .setTrim(false).setIgnoreSurroundingSpaces(false).get();
        if (!csv) {
            format = format.builder().setQuote(null).setEscape(null).get();
        }
        List<Row> rows = new ArrayList<>();
        String display = file.getFileName().toString();
        try (CSVParser parser = CSVParser.parse(Files.newBufferedReader(file, data.source().encoding()), format)) {
            int text = -1;
            int pair = -1;
            for (CSVRecord record : parser) {
                if (text < 0) {
                    List<String> header = data.source().header() ? record.toList() : List.of();
                    text = column(data.source().textColumn(), header, display, "data.text-column");
                    pair = paired ? column(data.source().pairColumn(), header, display, "data.text-pair-column") : -1;
                    if (data.source().header()) {
                        continue;
                    }
                }
                String id = display + ":" + parser.getCurrentLineNumber();
                if (record.size() <= Math.max(text, pair)) {
                    throw new DataException(id + ": " + record.size() + " columns, but the text is column #" + text
                            + (pair >= 0 ? " and its pair #" + pair : "") + " (0-based)");
                }
                rows.add(new Row(id, record.get(text), pair < 0 ? null : record.get(pair)));
            }
        }
        return rows;
    }

    private static int column(ColumnRef ref, List<String> header, String file, String key) {
        if (!ref.byName()) {
            return ref.index();
        }
        int position = header.indexOf(ref.name());
        if (position < 0) {
            throw new DataException(file + ": no column named '" + ref.name() + "' (" + key + ") in the header "
                    + header + (header.isEmpty() ? "; the run's data.header is false: use 0-based indices" : ""));
        }
        return position;
    }

    private static String fieldName(ColumnRef ref, String key) {
        if (!ref.byName()) {
            throw new DataException("JSONL rows are read by field name, but " + key + " is the index " + ref.index()
                    + ": give -D " + key + "=<field name>");
        }
        return ref.name();
    }

    private static String text(JsonNode node, String field, String id) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new DataException(id + ": no text field '" + field + "'");
        }
        return value.asText();
    }
}
