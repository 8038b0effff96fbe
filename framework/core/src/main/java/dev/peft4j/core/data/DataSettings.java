package dev.peft4j.core.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.peft4j.core.data.augment.AugmentSettings;
import dev.peft4j.core.data.balance.BalanceSettings;
import dev.peft4j.core.data.balance.BalanceStrategy;
import dev.peft4j.core.data.batch.BatchSettings;
import dev.peft4j.core.data.clean.CleanSettings;
import dev.peft4j.core.data.dedup.DedupSettings;
import dev.peft4j.core.data.load.LabelKind;
import dev.peft4j.core.data.load.SourceSettings;
import dev.peft4j.core.data.split.SplitSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code data} block: which files, how to read, clean, deduplicate, split, balance, augment, tokenize and batch
 * them. Every default is in {@code reference.conf}.
 *
 * @param validation null: carved out of train by {@code split.ratios}
 * @param test       null: carved out of train by {@code split.ratios}
 * @param seed       seeds every random choice of the pipeline (split, balance, augment, batch order)
 * @param reportExamples    how many examples of each kind (bad rows, conflicts, overlaps, augmentations) the report keeps
 * @param histogramBinWidth width of the report's length histogram bins (words or tokens)
 */
public record DataSettings(Path train, Path validation, Path test, SourceSettings source, CleanSettings clean,
                           DedupSettings dedup, SplitSettings split, BalanceSettings balance, AugmentSettings augment,
                           BatchSettings batching, long seed, int reportExamples, int histogramBinWidth) {

    public DataSettings {
        if (train == null) {
            throw new IllegalArgumentException("data.train is not set: name the training data file");
        }
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clean, "data.clean");
        Objects.requireNonNull(dedup, "data.dedup");
        Objects.requireNonNull(split, "data.split");
        Objects.requireNonNull(balance, "data.balance");
        Objects.requireNonNull(augment, "data.augment");
        Objects.requireNonNull(batching, "batching");
        if (source.labelType() == LabelKind.FLOAT && balance.strategy() != BalanceStrategy.NONE) {
            throw new IllegalArgumentException("data.balance.strategy = " + ConfigReads.kebab(balance.strategy())
                    + " needs classes, but data.label-type = float is regression: set data.balance.strategy = none");
        }
        if (reportExamples < 0) {
            throw new IllegalArgumentException("data.report.examples must not be negative, got " + reportExamples);
        }
        if (histogramBinWidth < 1) {
            throw new IllegalArgumentException("data.report.histogram-bin-width must be at least 1, got "
                    + histogramBinWidth);
        }
    }

    /**
     * Reads the {@code data} block (merged with reference.conf); relative file paths resolve against {@code baseDir}
     * (usually the pipeline file's folder).
     */
    public static DataSettings from(Config data, Path baseDir) {
        try {
            return new DataSettings(
                    path(data, "train", baseDir),
                    path(data, "validation", baseDir),
                    path(data, "test", baseDir),
                    SourceSettings.from(data),
                    CleanSettings.from(data),
                    DedupSettings.from(data),
                    SplitSettings.from(data),
                    BalanceSettings.from(data),
                    AugmentSettings.from(data),
                    BatchSettings.from(data),
                    data.getLong("seed"),
                    data.getInt("report.examples"),
                    data.getInt("report.histogram-bin-width"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(data.origin(), "data", e.getMessage(), e);
        }
    }

    private static Path path(Config data, String key, Path baseDir) {
        String value = ConfigReads.nullableString(data, key);
        return value == null ? null : baseDir.resolve(value).normalize();
    }
}
