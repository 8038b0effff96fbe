package dev.peft4j.core.data.batch;

import java.util.List;

/** Which examples (positions in a {@link TokenizedSet}) go into each batch, in order. */
public record BatchPlan(List<int[]> batches) {

    public BatchPlan {
        batches = List.copyOf(batches);
    }

    /** Pad tokens / all tokens when every batch is padded to its longest example. */
    public double paddingRatio(TokenizedSet set) {
        long total = 0;
        long real = 0;
        for (int[] batch : batches) {
            int longest = 0;
            for (int position : batch) {
                longest = Math.max(longest, set.length(position));
                real += set.length(position);
            }
            total += (long) longest * batch.length;
        }
        return total == 0 ? 0 : (double) (total - real) / total;
    }
}
