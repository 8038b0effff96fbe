package dev.peft4j.core.data;

import dev.peft4j.core.data.augment.AugmentationStage;
import dev.peft4j.core.data.augment.NamedAugmenter;
import dev.peft4j.core.data.balance.BalanceStrategy;
import dev.peft4j.core.data.balance.Balancer;
import dev.peft4j.core.data.balance.ClassWeights;
import dev.peft4j.core.data.dedup.DedupResult;
import dev.peft4j.core.data.dedup.Deduplicator;
import dev.peft4j.core.data.dedup.TextKeys;
import dev.peft4j.core.data.load.BadRows;
import dev.peft4j.core.data.report.AugmenterReport;
import dev.peft4j.core.data.report.BalanceReport;
import dev.peft4j.core.data.report.ConflictExample;
import dev.peft4j.core.data.report.DataReport;
import dev.peft4j.core.data.report.Overlap;
import dev.peft4j.core.data.report.SplitStats;
import dev.peft4j.core.data.report.Stage;
import dev.peft4j.core.data.split.OverlapResolver;
import dev.peft4j.core.data.split.QuantileBins;
import dev.peft4j.core.data.split.SplitName;
import dev.peft4j.core.data.split.StratifiedSplitter;
import dev.peft4j.core.data.store.KeyIndex;
import dev.peft4j.core.data.store.RowTable;
import dev.peft4j.core.data.store.TextStore;
import dev.peft4j.spi.metric.TaskType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the configured data files into train, validation and test example sets:
 * load and clean each file, deduplicate within each file, carve missing splits out of train (stratified), resolve
 * rows found in two splits, balance and augment the training split, and report every step.
 *
 * <p>Balancing and augmentation come after splitting, so copies and variants of a row never leak into evaluation.
 */
public final class DataPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(DataPipeline.class);

    private final DataSettings settings;
    private final List<NamedAugmenter> augmenters;
    private final TextStore store;
    private final TaskType task;
    private final List<Stage> stages = new ArrayList<>();
    private LabelVocabulary labels;

    private DataPipeline(DataSettings settings, List<NamedAugmenter> augmenters, TextStore store) {
        this.settings = settings;
        this.augmenters = augmenters;
        this.store = store;
        this.task = settings.source().labelType().task();
    }

    /**
     * Prepares the data.
     *
     * @param augmenters the augmenters named in {@code data.augment.augmenters}, in any order (ignored when
     *                   augmentation is off)
     * @param workDir    where the temporary text file is written (deleted when the result is closed)
     * @throws DataException with file:line or the setting to change, when the data or settings are wrong
     */
    public static PreparedData prepare(DataSettings settings, List<NamedAugmenter> augmenters, Path workDir) {
        List<NamedAugmenter> chosen = chooseAugmenters(settings, augmenters);
        TextStore store = new TextStore(workDir);
        try {
            return new DataPipeline(settings, chosen, store).run();
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
    }

    private PreparedData run() {
        TextKeys keys = new TextKeys(settings.dedup().mode());
        BadRows badRows = new BadRows(settings.source().onBadRow(), settings.reportExamples());
        Map<SplitName, int[]> given = load(keys, badRows);
        Deduplication dedup = deduplicate(given);
        if (dedup.kept().get(SplitName.TRAIN).length == 0) {
            throw new DataException("no usable training rows in " + settings.train() + ": bad rows " + badRows.counts()
                    + ", stages " + stages + ". Check data.format, the column settings, data.label-type and"
                    + " data.clean.length.");
        }
        Map<SplitName, int[]> splits = split(dedup.kept());
        OverlapResolver.Result resolved =
                new OverlapResolver(settings.split().overlap(), settings.reportExamples()).resolve(splits, store);
        splits = new EnumMap<>(resolved.splits());
        stages.add(countStage("overlap", splits, resolved.overlaps()));

        float[] classWeights = null;
        BalanceReport balance = null;
        if (task == TaskType.CLASSIFICATION) {
            int[] train = splits.get(SplitName.TRAIN);
            int[] balanced = Balancer.balance(settings.balance().strategy(), train, store.rows(), labels.size(),
                    Seeds.generator(settings.seed(), "balance"));
            splits.put(SplitName.TRAIN, balanced);
            stages.add(new Stage("balance train", train.length, balanced.length, Map.of()));
            if (settings.balance().strategy() == BalanceStrategy.CLASS_WEIGHTS) {
                classWeights = ClassWeights.fromCounts(Balancer.classCounts(balanced, store.rows(), labels.size()));
            }
            balance = balanceReport(train, balanced, classWeights);
        }
        List<AugmenterReport> augmentation = augment(splits, keys);

        Map<SplitName, ExampleSet> sets = new EnumMap<>(SplitName.class);
        List<SplitStats> stats = new ArrayList<>();
        for (SplitName name : SplitName.values()) {
            sets.put(name, new ExampleSet(name, store, splits.get(name), labels, task));
            stats.add(SplitStatistics.of(name, splits.get(name), store.rows(), labels, settings.histogramBinWidth()));
        }
        DataReport report = new DataReport(task.name().toLowerCase(Locale.ROOT),
                labels == null ? List.of() : labels.names(), stages, badRows.counts(), badRows.samples(),
                dedup.duplicates(), dedup.conflictGroups(), dedup.conflicts(), splitMethod(given),
                resolved.overlaps(), balance, augmentation, stats, List.of());
        LOG.info("data prepared: {}", stats.stream().map(s -> s.split() + " " + s.rows())
                .collect(Collectors.joining(", ")));
        return new PreparedData(sets, labels, task, classWeights, report, store);
    }

    private Map<SplitName, int[]> load(TextKeys keys, BadRows badRows) {
        RowIngester ingester = new RowIngester(settings, store, badRows, keys);
        Map<SplitName, int[]> given = new EnumMap<>(SplitName.class);
        for (SplitName name : SplitName.values()) {
            Path file = file(name);
            if (file != null) {
                RowIngester.Ingested ingested = ingester.ingest(file);
                stages.add(ingested.read());
                stages.add(ingested.clean());
                given.put(name, ingested.rows());
            }
        }
        labels = ingester.finishLabels();
        return given;
    }

    /** What deduplication left of each given file, with totals for the report. */
    private record Deduplication(Map<SplitName, int[]> kept, long duplicates, long conflictGroups,
                                 List<ConflictExample> conflicts) {
    }

    private Deduplication deduplicate(Map<SplitName, int[]> given) {
        Deduplicator deduplicator = new Deduplicator(settings.dedup(), settings.reportExamples());
        Map<SplitName, int[]> kept = new EnumMap<>(SplitName.class);
        long duplicates = 0;
        long conflictGroups = 0;
        List<ConflictExample> conflicts = new ArrayList<>();
        for (Map.Entry<SplitName, int[]> entry : given.entrySet()) {
            DedupResult result = deduplicator.deduplicate(entry.getValue(), store, labelNames());
            kept.put(entry.getKey(), result.kept());
            duplicates += result.duplicates();
            conflictGroups += result.conflictGroups();
            result.conflictExamples().stream().limit(settings.reportExamples() - conflicts.size())
                    .forEach(conflicts::add);
            Map<String, Long> dropped = new LinkedHashMap<>();
            putIfPositive(dropped, "duplicate", result.duplicates());
            putIfPositive(dropped, "conflicting labels", result.conflictDropped());
            stages.add(new Stage("dedup " + entry.getKey().key(), entry.getValue().length, result.kept().length,
                    dropped));
        }
        return new Deduplication(kept, duplicates, conflictGroups, conflicts);
    }

    /** The given splits, plus those without a file carved out of train, stratified. */
    private Map<SplitName, int[]> split(Map<SplitName, int[]> given) {
        Map<SplitName, int[]> splits = new EnumMap<>(given);
        List<SplitName> carved = new ArrayList<>(List.of(SplitName.TRAIN));
        for (SplitName name : List.of(SplitName.VALIDATION, SplitName.TEST)) {
            if (!given.containsKey(name)) {
                carved.add(name);
            }
        }
        if (carved.size() == 1) {
            return splits;
        }
        int[] train = given.get(SplitName.TRAIN);
        double[] fractions = carved.stream().mapToDouble(settings.split()::ratio).toArray();
        int[][] parts = StratifiedSplitter.split(train, strata(train), fractions,
                Seeds.generator(settings.seed(), "split"));
        for (int i = 0; i < carved.size(); i++) {
            splits.put(carved.get(i), parts[i]);
        }
        stages.add(new Stage("split train", train.length, train.length, Map.of()));
        return splits;
    }

    private int[] strata(int[] rows) {
        RowTable table = store.rows();
        if (task == TaskType.CLASSIFICATION) {
            return IntStream.of(rows).map(table::classIndex).toArray();
        }
        float[] targets = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            targets[i] = table.target(rows[i]);
        }
        return QuantileBins.assign(targets, settings.split().stratifyBins());
    }

    private List<AugmenterReport> augment(Map<SplitName, int[]> splits, TextKeys keys) {
        if (!settings.augment().enabled()) {
            return List.of();
        }
        int[] heldOut = IntStream.concat(IntStream.of(splits.get(SplitName.VALIDATION)),
                IntStream.of(splits.get(SplitName.TEST))).toArray();
        int[] train = splits.get(SplitName.TRAIN);
        AugmentationStage.Result result = new AugmentationStage(settings.augment(), augmenters,
                settings.reportExamples()).apply(train, store, labelNames(), new KeyIndex(store.rows(), heldOut),
                keys, Seeds.generator(settings.seed(), "augment"));
        splits.put(SplitName.TRAIN, result.rows());
        stages.add(new Stage("augment train", train.length, result.rows().length, Map.of()));
        return result.reports();
    }

    private BalanceReport balanceReport(int[] before, int[] after, float[] weights) {
        List<Float> weightList = new ArrayList<>();
        if (weights != null) {
            for (float weight : weights) {
                weightList.add(weight);
            }
        }
        return new BalanceReport(ConfigReads.kebab(settings.balance().strategy()),
                SplitStatistics.classCounts(before, store.rows(), labels),
                SplitStatistics.classCounts(after, store.rows(), labels), weightList);
    }

    private Stage countStage(String name, Map<SplitName, int[]> after, List<Overlap> overlaps) {
        long out = after.values().stream().mapToLong(rows -> rows.length).sum();
        long dropped = overlaps.stream().mapToLong(Overlap::dropped).sum();
        Map<String, Long> reasons = new LinkedHashMap<>();
        for (Overlap overlap : overlaps) {
            putIfPositive(reasons, overlap.earlier() + " row also in " + overlap.later(), overlap.dropped());
        }
        return new Stage(name, out + dropped, out, reasons);
    }

    private String splitMethod(Map<SplitName, int[]> given) {
        List<String> files = new ArrayList<>();
        List<String> carved = new ArrayList<>();
        for (SplitName name : SplitName.values()) {
            if (given.containsKey(name)) {
                files.add(name.key() + " = " + file(name).getFileName());
            }
            if (!given.containsKey(name) || (name == SplitName.TRAIN && given.size() < 3)) {
                carved.add(name.key() + " " + settings.split().ratio(name));
            }
        }
        if (given.size() == 3) {
            return "given files: " + String.join(", ", files);
        }
        return "given files: " + String.join(", ", files) + "; carved out of train, stratified by "
                + (task == TaskType.CLASSIFICATION ? "class" : settings.split().stratifyBins() + " target quantile bins")
                + " with ratios " + String.join(", ", carved) + " (seed " + settings.seed() + ")";
    }

    private IntFunction<String> labelNames() {
        RowTable table = store.rows();
        return task == TaskType.CLASSIFICATION ? row -> labels.name(table.classIndex(row))
                : row -> Float.toString(table.target(row));
    }

    private Path file(SplitName name) {
        return switch (name) {
            case TRAIN -> settings.train();
            case VALIDATION -> settings.validation();
            case TEST -> settings.test();
        };
    }

    private static void putIfPositive(Map<String, Long> map, String key, long value) {
        if (value > 0) {
            map.put(key, value);
        }
    }

    private static List<NamedAugmenter> chooseAugmenters(DataSettings settings, List<NamedAugmenter> available) {
        if (!settings.augment().enabled()) {
            return List.of();
        }
        List<NamedAugmenter> chosen = new ArrayList<>();
        for (String name : settings.augment().augmenters()) {
            chosen.add(available.stream().filter(a -> a.name().equals(name)).findFirst()
                    .orElseThrow(() -> new DataException("data.augment.augmenters names '" + name
                            + "' but no augmenter of that name was given; given: "
                            + available.stream().map(NamedAugmenter::name).toList()
                            + ". Install the plugin that provides it or remove it from the list.")));
        }
        return chosen;
    }
}
