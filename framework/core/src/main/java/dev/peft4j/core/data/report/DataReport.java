package dev.peft4j.core.data.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.peft4j.core.data.load.BadRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the data pipeline did, for the run's report and as JSON.
 *
 * @param task              classification or regression
 * @param labels            the label vocabulary in index order (empty for regression)
 * @param stages            rows in and out of every step, with drop reasons
 * @param badRows           unreadable rows by reason (all files)
 * @param badRowExamples    the first unreadable rows
 * @param duplicatesDropped rows dropped as duplicates of an earlier row with the same label
 * @param conflictGroups    groups of rows with the same text and different labels
 * @param conflicts         the first conflict groups and how they were resolved
 * @param splitMethod       how the splits were made
 * @param overlaps          rows found in two splits
 * @param balance           the training classes before and after balancing (null for regression)
 * @param augmentation      one entry per augmenter (empty when augmentation is off)
 * @param splits            the final splits
 * @param tokens            tokenization of each split, once tokenized (see {@link #withTokens})
 */
public record DataReport(String task, List<String> labels, List<Stage> stages, Map<String, Long> badRows,
                         List<BadRows.Sample> badRowExamples, long duplicatesDropped, long conflictGroups,
                         List<ConflictExample> conflicts, String splitMethod, List<Overlap> overlaps,
                         BalanceReport balance, List<AugmenterReport> augmentation, List<SplitStats> splits,
                         List<TokenReport> tokens) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DataReport {
        labels = List.copyOf(labels);
        stages = List.copyOf(stages);
        badRows = Map.copyOf(badRows);
        badRowExamples = List.copyOf(badRowExamples);
        conflicts = List.copyOf(conflicts);
        overlaps = List.copyOf(overlaps);
        augmentation = List.copyOf(augmentation);
        splits = List.copyOf(splits);
        tokens = List.copyOf(tokens);
    }

    /** This report with the tokenization of one more split. */
    public DataReport withTokens(TokenReport report) {
        List<TokenReport> all = new ArrayList<>(tokens);
        all.removeIf(existing -> existing.split().equals(report.split()));
        all.add(report);
        return new DataReport(task, labels, stages, badRows, badRowExamples, duplicatesDropped, conflictGroups,
                conflicts, splitMethod, overlaps, balance, augmentation, splits, all);
    }

    /** The stats of one split ({@code train}, {@code validation}, {@code test}). */
    public SplitStats split(String name) {
        return splits.stream().filter(s -> s.split().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no split named " + name));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the data report does not serialize", e);
        }
    }

    /** Writes the JSON to a temporary file next to {@code file} and renames it into place. */
    public void writeJson(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            Files.writeString(temp, toJson(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the data report to " + file, e);
        }
    }

    public static DataReport fromJson(String json) {
        try {
            return JSON.readValue(json, DataReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a data report: " + e.getOriginalMessage(), e);
        }
    }
}
