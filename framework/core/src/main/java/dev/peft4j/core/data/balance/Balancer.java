package dev.peft4j.core.data.balance;

import dev.peft4j.core.data.store.RowTable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/** Resamples the training rows per the {@link BalanceStrategy}; seeded, so the same seed gives the same rows. */
public final class Balancer {

    private Balancer() {
    }

    /**
     * @param rows    training rows, each with a class index below {@code classes}
     * @return the resampled rows: undersampling keeps the given order; oversampling appends the extra draws
     */
    public static int[] balance(BalanceStrategy strategy, int[] rows, RowTable table, int classes,
                                RandomGenerator random) {
        if (strategy == BalanceStrategy.NONE || strategy == BalanceStrategy.CLASS_WEIGHTS || rows.length == 0) {
            return rows.clone();
        }
        int[][] byClass = byClass(rows, table, classes);
        IntStream present = Arrays.stream(byClass).mapToInt(members -> members.length).filter(n -> n > 0);
        if (strategy == BalanceStrategy.UNDERSAMPLE) {
            return undersample(rows, table, byClass, present.min().orElseThrow(), random);
        }
        return oversample(rows, byClass, present.max().orElseThrow(), random);
    }

    public static long[] classCounts(int[] rows, RowTable table, int classes) {
        long[] counts = new long[classes];
        for (int row : rows) {
            counts[table.classIndex(row)]++;
        }
        return counts;
    }

    private static int[] undersample(int[] rows, RowTable table, int[][] byClass, int target,
                                     RandomGenerator random) {
        BitSet keep = new BitSet(table.size());
        for (int[] members : byClass) {
            int[] shuffled = members.clone();
            for (int i = 0; i < Math.min(target, shuffled.length); i++) {
                int j = i + random.nextInt(shuffled.length - i);
                int swap = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = swap;
                keep.set(shuffled[i]);
            }
        }
        return Arrays.stream(rows).filter(keep::get).toArray();
    }

    private static int[] oversample(int[] rows, int[][] byClass, int target, RandomGenerator random) {
        IntStream.Builder extra = IntStream.builder();
        for (int[] members : byClass) {
            for (int k = members.length; k > 0 && k < target; k++) {
                extra.add(members[random.nextInt(members.length)]);
            }
        }
        return IntStream.concat(Arrays.stream(rows), extra.build()).toArray();
    }

    private static int[][] byClass(int[] rows, RowTable table, int classes) {
        long[] counts = classCounts(rows, table, classes);
        int[][] byClass = new int[classes][];
        int[] filled = new int[classes];
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[(int) counts[c]];
        }
        for (int row : rows) {
            int c = table.classIndex(row);
            byClass[c][filled[c]++] = row;
        }
        return byClass;
    }
}
