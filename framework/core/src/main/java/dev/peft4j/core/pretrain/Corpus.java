package dev.peft4j.core.pretrain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.data.DataException;
import dev.peft4j.core.data.load.DataFileException;
import dev.peft4j.core.data.load.TextInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The documents of {@code pretrain.text}, streamed in a fixed order (the files as listed, a folder's .txt files in
 * path order) so that two passes see the same documents. Blank lines are no documents. A file that cannot be read as
 * configured stops the run with {@code file:line} and what to change.
 */
public final class Corpus {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ENCODING_KEY = "pretrain.text.encoding";

    private final CorpusSettings settings;
    private final List<Path> files;

    private Corpus(CorpusSettings settings, List<Path> files) {
        this.settings = settings;
        this.files = List.copyOf(files);
    }

    /** @throws DataException naming a listed path that does not exist, or a folder without .txt files */
    public static Corpus open(CorpusSettings settings) {
        List<Path> files = new ArrayList<>();
        for (Path path : settings.files()) {
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                List<Path> texts = textFiles(path);
                if (texts.isEmpty()) {
                    throw new DataException("pretrain.text.files names the folder " + path + ", which holds no .txt"
                            + " file; list the files themselves when they have another extension");
                }
                files.addAll(texts);
            } else {
                throw new DataException("pretrain.text.files names " + path + ", which does not exist; relative paths"
                        + " start at the pipeline file's folder");
            }
        }
        return new Corpus(settings, files);
    }

    /** The files read, folders expanded. */
    public List<Path> files() {
        return files;
    }

    /** Hands every document to {@code action}, in corpus order. */
    public void forEach(Consumer<Document> action) {
        for (Path file : files) {
            read(file, action);
        }
    }

    private void read(Path file, Consumer<Document> action) {
        CorpusFormat format = settings.format().resolve(file);
        String display = file.toString();
        try (Reader reader = TextInput.open(file, settings.encoding())) {
            switch (format) {
                case TEXT -> text(new BufferedReader(reader), display, action);
                case LABEL_FIRST -> labelFirst(new BufferedReader(reader), display, action);
                case JSONL -> jsonl(new BufferedReader(reader), display, action);
                case CSV, TSV -> delimited(reader, display, format, action);
                default -> throw new IllegalStateException("unresolved format " + format);
            }
        } catch (CharacterCodingException e) {
            throw TextInput.undecodable(file, display, settings.encoding(), e, ENCODING_KEY);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException coding) {
                throw TextInput.undecodable(file, display, settings.encoding(), coding, ENCODING_KEY);
            }
            throw new DataException("cannot read " + display + " as " + format.name().toLowerCase(Locale.ROOT)
                    + ": " + e.getCause().getMessage() + (format == CorpusFormat.CSV
                    ? " (a quoted field is not closed? tab-separated files need pretrain.text.format = tsv)" : ""), e);
        } catch (IOException e) {
            throw new DataException("cannot read " + display + ": " + e.getMessage(), e);
        }
    }

    private void text(BufferedReader reader, String file, Consumer<Document> action) throws IOException {
        boolean paragraphs = settings.documents() == DocumentUnit.PARAGRAPH;
        StringBuilder paragraph = new StringBuilder();
        long start = 0;
        long number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.isBlank()) {
                if (!paragraph.isEmpty()) {
                    action.accept(new Document(file + ":" + start, paragraph.toString()));
                    paragraph.setLength(0);
                }
            } else if (!paragraphs) {
                action.accept(new Document(file + ":" + number, line.strip()));
            } else {
                if (paragraph.isEmpty()) {
                    start = number;
                } else {
                    paragraph.append(' ');
                }
                paragraph.append(line.strip());
            }
        }
        if (!paragraph.isEmpty()) {
            action.accept(new Document(file + ":" + start, paragraph.toString()));
        }
    }

    private static void labelFirst(BufferedReader reader, String file, Consumer<Document> action)
            throws IOException {
        long number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String trimmed = line.strip();
            int gap = indexOfGap(trimmed);
            if (gap < 0) {
                throw new DataFileException(file, number, "pretrain.text.format = label-first reads `label text` per"
                        + " line, but this line has no space or tab after its first word; use format = text for"
                        + " files without labels");
            }
            String text = trimmed.substring(gap + 1).strip();
            if (!text.isEmpty()) {
                action.accept(new Document(file + ":" + number, text));
            }
        }
    }

    private static int indexOfGap(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == ' ' || line.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private void jsonl(BufferedReader reader, String file, Consumer<Document> action) throws IOException {
        if (!settings.column().byName()) {
            throw new DataException(file + ": JSONL rows are read by field name, but pretrain.text.column is the"
                    + " index " + settings.column().index() + "; set it to the field that holds the text");
        }
        String field = settings.column().name();
        long number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new DataFileException(file, number, "not a JSON object: " + e.getOriginalMessage());
            }
            JsonNode value = node == null ? null : node.get(field);
            if (value == null || !value.isTextual()) {
                throw new DataFileException(file, number, "no text field '" + field + "' (pretrain.text.column)"
                        + (node != null && node.isObject() ? "; the row has " + fieldNames(node) : ""));
            }
            if (!value.textValue().isBlank()) {
                action.accept(new Document(file + ":" + number, value.textValue().strip()));
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void delimited(Reader reader, String file, CorpusFormat format, Consumer<Document> action)
            throws IOException {
        CSVFormat.Builder builder = (format == CorpusFormat.CSV ? CSVFormat.RFC4180 : CSVFormat.TDF).builder()
                .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(false).setTrim(false);
        if (format == CorpusFormat.TSV) {
            builder.setQuote(null).setEscape(null);
        }
        try (CSVParser parser = CSVParser.parse(reader, builder.get())) {
            int column = -1;
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (column < 0) {
                    column = column(record, file, line);
                    if (settings.header()) {
                        continue;
                    }
                }
                if (record.size() <= column) {
                    throw new DataFileException(file, line, record.size() + " column(s), but the text is column #"
                            + column + " (0-based, pretrain.text.column)");
                }
                String text = record.get(column);
                if (!text.isBlank()) {
                    action.accept(new Document(file + ":" + line, text.strip()));
                }
            }
        }
    }

    private int column(CSVRecord first, String file, long line) {
        if (!settings.column().byName()) {
            return settings.column().index();
        }
        if (!settings.header()) {
            throw new DataFileException(file, line, "pretrain.text.header = false, so the text column can only be"
                    + " chosen by its 0-based index: set pretrain.text.column to a number");
        }
        List<String> header = first.toList().stream().map(String::trim).toList();
        int position = header.indexOf(settings.column().name());
        if (position < 0) {
            throw new DataFileException(file, line, "no column named '" + settings.column().name()
                    + "' (pretrain.text.column) in the header " + header + "; name one of them, or give a 0-based"
                    + " index with pretrain.text.header = false when the file has no header");
        }
        return position;
    }

    private static List<Path> textFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DataException("cannot list the folder " + folder + " (pretrain.text.files): " + e.getMessage(),
                    e);
        }
    }
}
