package dev.peft4j.core.run;

import dev.peft4j.core.data.ExampleSet;
import dev.peft4j.core.data.batch.BatchPlan;
import dev.peft4j.core.data.batch.Batcher;
import dev.peft4j.core.data.batch.TokenizedSet;
import dev.peft4j.core.train.BatchSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A tokenized split as the trainer's and evaluator's batch source. Training epochs follow the data settings' batching:
 * with {@code data.batching.bucket-window} above 1, rows of similar length share a batch (less padding, faster
 * steps); otherwise the trainer shuffles.
 */
final class TokenizedSource implements BatchSource<TokenBatch> {

    private final TokenizedSet tokens;
    private final ExampleSet examples;
    private final Batcher batcher;
    private final boolean bucketing;
    /** Row i of this source is position order[i] of the split; null: the split's own order. */
    private final int[] order;

    TokenizedSource(TokenizedSet tokens, ExampleSet examples, Batcher batcher, boolean bucketing) {
        this(tokens, examples, batcher, bucketing, null);
        if (tokens.size() != examples.size()) {
            throw new IllegalArgumentException("the " + examples.split().key() + " split has " + examples.size()
                    + " examples but " + tokens.size() + " encodings");
        }
    }

    private TokenizedSource(TokenizedSet tokens, ExampleSet examples, Batcher batcher, boolean bucketing,
                            int[] order) {
        this.tokens = tokens;
        this.examples = examples;
        this.batcher = batcher;
        this.bucketing = bucketing;
        this.order = order;
    }

    /**
     * The same rows shortest first, so that consecutive rows, batched together by the evaluator, need little padding.
     * Row {@code i} of the view is row {@code order()[i]} of this source.
     */
    TokenizedSource sortedByLength() {
        int[] sorted = IntStream.range(0, tokens.size()).boxed()
                .sorted(Comparator.comparingInt(tokens::length)).mapToInt(Integer::intValue).toArray();
        return new TokenizedSource(tokens, examples, batcher, false, sorted);
    }

    /** The split position of each row of this source. */
    int[] order() {
        return order == null ? IntStream.range(0, tokens.size()).toArray() : order.clone();
    }

    @Override
    public int size() {
        return tokens.size();
    }

    @Override
    public TokenBatch batch(int[] rows) {
        int[] positions = rows;
        if (order != null) {
            positions = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                positions[i] = order[rows[i]];
            }
        }
        BatchPlan plan = new BatchPlan(List.<int[]>of(positions));
        return new TokenBatch(batcher.batches(tokens, plan).iterator().next(), examples, positions);
    }

    @Override
    public Optional<int[][]> epochPlan(int epoch, int batchSize) {
        if (!bucketing) {
            return Optional.empty();
        }
        return Optional.of(batcher.trainingPlan(tokens, batchSize, epoch).batches().toArray(int[][]::new));
    }
}
