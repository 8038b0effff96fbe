package dev.peft4j.core.data.batch;

import dev.peft4j.core.data.Seeds;
import dev.peft4j.core.data.report.TokenReport;
import dev.peft4j.core.data.split.SplitName;
import dev.peft4j.core.tokenizer.TextTokenizer;
import dev.peft4j.spi.metric.TaskType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Cuts a {@link TokenizedSet} into padded batches. Training epochs are shuffled (seeded by the pipeline seed and the
 * epoch); with bucketing, rows are sorted by length within windows of {@code bucket-window} batches and the batches
 * then shuffled, so batches hold rows of similar length and carry less padding. Batches are read from disk one at a
 * time.
 */
public final class Batcher {

    private final BatchSettings settings;
    private final long seed;
    private final long padId;

    public Batcher(BatchSettings settings, long seed, TextTokenizer tokenizer) {
        this.settings = settings;
        this.seed = seed;
        this.padId = tokenizer.padId();
    }

    /** The batches of one training epoch; the same seed and epoch give the same batches. */
    public BatchPlan trainingPlan(TokenizedSet set, int batchSize, int epoch) {
        checkBatchSize(batchSize);
        RandomGenerator random = Seeds.generator(seed, "batching epoch " + epoch);
        int[] order = IntStream.range(0, set.size()).toArray();
        shuffle(order, random);
        List<int[]> batches = settings.bucketing() ? bucketed(order, set, batchSize) : cut(order, batchSize);
        if (settings.bucketing()) {
            shuffle(batches, random);
        }
        return new BatchPlan(batches);
    }

    /** Batches for evaluation: every example once, in order (sorted by length within windows when bucketing). */
    public BatchPlan evaluationPlan(TokenizedSet set, int batchSize) {
        checkBatchSize(batchSize);
        int[] order = IntStream.range(0, set.size()).toArray();
        return new BatchPlan(settings.bucketing() ? bucketed(order, set, batchSize) : cut(order, batchSize));
    }

    /** The planned batches, each assembled (read from disk and padded) when the iterator reaches it. */
    public Iterable<Batch> batches(TokenizedSet set, BatchPlan plan) {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < plan.batches().size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return assemble(set, plan.batches().get(next++));
            }
        };
    }

    /**
     * Tokenization summary of a set, with the padding ratio of the batches it will be used in: the first training
     * epoch for the training split, the evaluation batches for the others.
     */
    public TokenReport report(TokenizedSet set, int batchSize, int histogramBinWidth) {
        BatchPlan plan = set.split().equals(SplitName.TRAIN.key()) ? trainingPlan(set, batchSize, 0)
                : evaluationPlan(set, batchSize);
        return new TokenReport(set.split(), set.maxLength(), set.lengthHistogram(histogramBinWidth),
                set.atMaxLength(), batchSize, plan.paddingRatio(set));
    }

    Batch assemble(TokenizedSet set, int[] positions) {
        TokenizedSet.Encoded[] encoded = new TokenizedSet.Encoded[positions.length];
        int columns = 0;
        long real = 0;
        for (int r = 0; r < positions.length; r++) {
            encoded[r] = set.read(positions[r]);
            columns = Math.max(columns, encoded[r].ids().length);
            real += encoded[r].ids().length;
        }
        int rows = positions.length;
        long[] ids = new long[rows * columns];
        long[] mask = new long[rows * columns];
        long[] types = new long[rows * columns];
        Arrays.fill(ids, padId);
        String[] exampleIds = new String[rows];
        boolean classification = set.task() == TaskType.CLASSIFICATION;
        int[] labels = classification ? new int[rows] : null;
        float[] targets = classification ? null : new float[rows];
        for (int r = 0; r < rows; r++) {
            long[] tokens = encoded[r].ids();
            System.arraycopy(tokens, 0, ids, r * columns, tokens.length);
            System.arraycopy(encoded[r].typeIds(), 0, types, r * columns, tokens.length);
            Arrays.fill(mask, r * columns, r * columns + tokens.length, 1L);
            exampleIds[r] = encoded[r].id();
            if (classification) {
                labels[r] = set.classIndex(positions[r]);
            } else {
                targets[r] = set.target(positions[r]);
            }
        }
        return new Batch(rows, columns, ids, mask, types, labels, targets, exampleIds, real);
    }

    /** Sorts each window of {@code bucket-window} batches by length (stable), then cuts it into batches. */
    private List<int[]> bucketed(int[] order, TokenizedSet set, int batchSize) {
        int window = settings.bucketWindow() * batchSize;
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += window) {
            int[] slice = Arrays.copyOfRange(order, start, Math.min(start + window, order.length));
            int[] sorted = Arrays.stream(slice).boxed().sorted(Comparator.comparingInt(set::length))
                    .mapToInt(Integer::intValue).toArray();
            batches.addAll(cut(sorted, batchSize));
        }
        return batches;
    }

    private static List<int[]> cut(int[] order, int batchSize) {
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            batches.add(Arrays.copyOfRange(order, start, Math.min(start + batchSize, order.length)));
        }
        return batches;
    }

    private static void shuffle(int[] values, RandomGenerator random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private static void shuffle(List<int[]> values, RandomGenerator random) {
        for (int i = values.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            values.set(i, values.set(j, values.get(i)));
        }
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }
}
