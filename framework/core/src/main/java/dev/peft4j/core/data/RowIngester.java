package dev.peft4j.core.data;

import dev.peft4j.core.data.clean.LengthUnit;
import dev.peft4j.core.data.clean.RowFilter;
import dev.peft4j.core.data.clean.TextCleaner;
import dev.peft4j.core.data.dedup.TextKeys;
import dev.peft4j.core.data.load.BadRows;
import dev.peft4j.core.data.load.DataFileException;
import dev.peft4j.core.data.load.FileFormat;
import dev.peft4j.core.data.load.LabelKind;
import dev.peft4j.core.data.load.RawRow;
import dev.peft4j.core.data.load.RowReader;
import dev.peft4j.core.data.load.SourceSettings;
import dev.peft4j.core.data.report.Stage;
import dev.peft4j.core.data.store.RowTable;
import dev.peft4j.core.data.store.StoredText;
import dev.peft4j.core.data.store.TextStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Streams data files into the {@link TextStore}: each row is read, cleaned, filtered, keyed and stored on disk, and
 * only its index entry stays in memory. Class labels get provisional first-seen indices until
 * {@link #finishLabels()} replaces them with the sorted (or configured) vocabulary's.
 */
final class RowIngester {

    /** The rows one file contributed, and its read and clean steps for the report. */
    record Ingested(String file, int[] rows, Stage read, Stage clean) {
    }

    private static final int REJECTED = -1;
    private static final int NOT_A_CLASS = -2;

    private final SourceSettings source;
    private final TextStore store;
    private final BadRows badRows;
    private final TextCleaner cleaner;
    private final RowFilter filter;
    private final TextKeys keys;
    private final LabelVocabulary fixedLabels;
    private final Map<String, Integer> provisional = new LinkedHashMap<>();

    RowIngester(DataSettings settings, TextStore store, BadRows badRows, TextKeys keys) {
        this.source = settings.source();
        this.store = store;
        this.badRows = badRows;
        this.cleaner = new TextCleaner(settings.clean());
        this.filter = new RowFilter(settings.clean());
        this.keys = keys;
        this.fixedLabels = source.labels().isEmpty() ? null : LabelVocabulary.ordered(source.labels());
    }

    Ingested ingest(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new DataException("data file " + file.toAbsolutePath() + " does not exist or is not a file:"
                    + " check data.train, data.validation and data.test");
        }
        Map<String, Long> badBefore = badRows.counts();
        Map<String, Long> dropped = new LinkedHashMap<>();
        IntStream.Builder rows = IntStream.builder();
        long[] good = {0};
        RowReader reader = RowReader.create(source.format().resolve(file), source, badRows);
        reader.read(file, name, raw -> {
            int label = classIndex(raw);
            if (label == REJECTED) {
                return;
            }
            good[0]++;
            String text = cleaner.clean(raw.text());
            String pair = raw.pair() == null ? null : cleaner.clean(raw.pair());
            String reason = filter.dropReason(text, pair);
            if (reason != null) {
                dropped.merge(reason, 1L, Long::sum);
                return;
            }
            rows.add(store(raw, text, pair, label));
        });
        int[] kept = rows.build().toArray();
        Map<String, Long> bad = difference(badRows.counts(), badBefore);
        long badTotal = bad.values().stream().mapToLong(Long::longValue).sum();
        return new Ingested(name, kept, new Stage("read " + name, good[0] + badTotal, good[0], bad),
                new Stage("clean " + name, good[0], kept.length, dropped));
    }

    /** The final vocabulary (null for regression); the stored rows' provisional indices are replaced by its. */
    LabelVocabulary finishLabels() {
        if (source.labelType() == LabelKind.FLOAT) {
            return null;
        }
        if (fixedLabels != null) {
            return fixedLabels;
        }
        LabelVocabulary vocabulary = LabelVocabulary.sorted(provisional.keySet());
        int[] remap = new int[provisional.size()];
        provisional.forEach((name, index) -> remap[index] = vocabulary.indexOf(name));
        RowTable table = store.rows();
        for (int row = 0; row < table.size(); row++) {
            table.setClassIndex(row, remap[table.classIndex(row)]);
        }
        return vocabulary;
    }

    private int classIndex(RawRow raw) {
        if (source.labelType() == LabelKind.FLOAT) {
            return NOT_A_CLASS;
        }
        if (fixedLabels == null) {
            return provisional.computeIfAbsent(raw.label(), label -> provisional.size());
        }
        int index = fixedLabels.indexOf(raw.label());
        if (index < 0) {
            badRows.reject(raw.file(), raw.line(), "unknown label",
                    "label '" + raw.label() + "' is not one of data.labels " + fixedLabels.names());
            return REJECTED;
        }
        return index;
    }

    private int store(RawRow raw, String text, String pair, int classIndex) {
        StoredText stored = new StoredText(raw.id(), text, pair);
        long key = keys.key(text, pair);
        int words = LengthUnit.words(text) + (pair == null ? 0 : LengthUnit.words(pair));
        if (classIndex != NOT_A_CLASS) {
            return store.addClassRow(stored, classIndex, key, words);
        }
        try {
            return store.addTargetRow(stored, Float.parseFloat(raw.label()), key, words);
        } catch (NumberFormatException e) {
            throw new DataFileException(raw.file(), raw.line(), "label '" + raw.label() + "' is not a number", e);
        }
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new HashMap<>();
        after.forEach((reason, count) -> {
            long added = count - before.getOrDefault(reason, 0L);
            if (added > 0) {
                difference.put(reason, added);
            }
        });
        return difference;
    }
}
