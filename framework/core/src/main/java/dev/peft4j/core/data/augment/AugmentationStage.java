package dev.peft4j.core.data.augment;

import dev.peft4j.core.data.clean.LengthUnit;
import dev.peft4j.core.data.dedup.TextKeys;
import dev.peft4j.core.data.report.AugmenterReport;
import dev.peft4j.core.data.store.KeyIndex;
import dev.peft4j.core.data.store.StoredText;
import dev.peft4j.core.data.store.TextStore;
import dev.peft4j.spi.data.Example;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Adds augmented examples to the training split. Each row is augmented with the configured probability; an augmented
 * row yields {@code per-example} new examples, each asked of an augmenter drawn at random. A new example is dropped when
 * it is empty, unchanged, made twice from one row, carries another label, or has the text of a validation or test
 * row (that would leak evaluation data into training).
 */
public final class AugmentationStage {

    /** The training rows (originals first, new rows after) and one report per augmenter. */
    public record Result(int[] rows, List<AugmenterReport> reports) {
    }

    private final AugmentSettings settings;
    private final List<NamedAugmenter> augmenters;
    private final int maxExamples;

    public AugmentationStage(AugmentSettings settings, List<NamedAugmenter> augmenters, int maxExamples) {
        this.settings = settings;
        this.augmenters = List.copyOf(augmenters);
        this.maxExamples = maxExamples;
    }

    /**
     * @param labelName the label of a row as written, handed to augmenters in {@link Example#label()}
     * @param heldOut   the keys of the validation and test rows
     */
    public Result apply(int[] train, TextStore store, IntFunction<String> labelName, KeyIndex heldOut,
                        TextKeys keys, RandomGenerator random) {
        Tally[] tallies = augmenters.stream().map(a -> new Tally(a.name())).toArray(Tally[]::new);
        IntStream.Builder added = IntStream.builder();
        for (int row : train) {
            if (random.nextDouble() >= settings.probability()) {
                continue;
            }
            int[] asks = new int[augmenters.size()];
            for (int k = 0; k < settings.perExample(); k++) {
                asks[random.nextInt(augmenters.size())]++;
            }
            StoredText stored = store.text(row);
            Example original = new Example(stored.id(), stored.text(), stored.pair(), labelName.apply(row));
            Set<Long> made = new HashSet<>();
            made.add(store.rows().key(row));
            for (int a = 0; a < asks.length; a++) {
                if (asks[a] == 0) {
                    continue;
                }
                tallies[a].requested += asks[a];
                List<Example> results = augmenters.get(a).augmenter().augment(original, asks[a], random);
                tallies[a].returned += results.size();
                for (Example result : results) {
                    boolean empty = result == null || result.text().isBlank();
                    long key = empty ? 0 : keys.key(result.text(), result.textPair());
                    String reason = empty ? "empty" : dropReason(original, result, key, heldOut, made);
                    if (reason != null) {
                        tallies[a].dropped.merge(reason, 1L, Long::sum);
                        continue;
                    }
                    made.add(key);
                    int words = LengthUnit.words(result.text())
                            + (result.textPair() == null ? 0 : LengthUnit.words(result.textPair()));
                    added.add(store.addDerivedRow(new StoredText(result.id(), result.text(), result.textPair()),
                            row, key, words));
                    tallies[a].kept++;
                    if (tallies[a].examples.size() < maxExamples) {
                        tallies[a].examples.add(new AugmenterReport.Example(original.id(), original.text(),
                                result.text()));
                    }
                }
            }
        }
        int[] rows = IntStream.concat(IntStream.of(train), added.build()).toArray();
        return new Result(rows, Arrays.stream(tallies).map(Tally::report).toList());
    }

    private static String dropReason(Example original, Example result, long key, KeyIndex heldOut,
                                     Set<Long> made) {
        if (!Objects.equals(result.label(), original.label())) {
            return "label changed";
        }
        if (made.contains(key)) {
            return "unchanged or made twice";
        }
        if (heldOut.contains(key)) {
            return "same text as a validation or test row";
        }
        return null;
    }

    /** Running counts for one augmenter. */
    private static final class Tally {
        private final String name;
        private long requested;
        private long returned;
        private long kept;
        private final Map<String, Long> dropped = new LinkedHashMap<>();
        private final List<AugmenterReport.Example> examples = new ArrayList<>();

        private Tally(String name) {
            this.name = name;
        }

        private AugmenterReport report() {
            return new AugmenterReport(name, requested, returned, kept, dropped, examples);
        }
    }
}
