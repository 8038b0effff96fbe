package dev.peft4j.core.data.split;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Splits rows into parts by fractions, stratum by stratum: each stratum (class, or target bin) is shuffled and cut so
 * that every part gets its fraction of the stratum to within one row (largest-remainder rounding). Works on primitive
 * arrays only, so millions of rows cost a few bytes each.
 */
public final class StratifiedSplitter {

    private StratifiedSplitter() {
    }

    /**
     * @param rows      the rows to split
     * @param strata    the stratum of each row (a small non-negative number), parallel to {@code rows}
     * @param fractions the share of each part (normalized by their sum)
     * @return the rows of each part, each in the given order
     */
    public static int[][] split(int[] rows, int[] strata, double[] fractions, RandomGenerator random) {
        int strataCount = Arrays.stream(strata).max().orElse(-1) + 1;
        int[] starts = new int[strataCount + 1];
        for (int stratum : strata) {
            starts[stratum + 1]++;
        }
        for (int s = 0; s < strataCount; s++) {
            starts[s + 1] += starts[s];
        }
        int[] byStratum = new int[rows.length];
        int[] fill = Arrays.copyOf(starts, strataCount);
        for (int i = 0; i < rows.length; i++) {
            byStratum[fill[strata[i]]++] = i;
        }
        byte[] partOf = new byte[rows.length];
        int[] partSizes = new int[fractions.length];
        for (int s = 0; s < strataCount; s++) {
            int from = starts[s];
            int to = starts[s + 1];
            shuffle(byStratum, from, to, random);
            int[] counts = apportion(to - from, fractions);
            int next = from;
            for (int part = 0; part < counts.length; part++) {
                for (int k = 0; k < counts[part]; k++) {
                    partOf[byStratum[next++]] = (byte) part;
                }
                partSizes[part] += counts[part];
            }
        }
        int[][] parts = new int[fractions.length][];
        int[] filled = new int[fractions.length];
        for (int part = 0; part < fractions.length; part++) {
            parts[part] = new int[partSizes[part]];
        }
        for (int i = 0; i < rows.length; i++) {
            parts[partOf[i]][filled[partOf[i]]++] = rows[i];
        }
        return parts;
    }

    /** Counts per part that sum to {@code n}, each within one of {@code n * fraction} (largest remainder). */
    static int[] apportion(int n, double[] fractions) {
        int[] counts = new int[fractions.length];
        double[] remainders = new double[fractions.length];
        double total = Arrays.stream(fractions).sum();
        int assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            double exact = n * fractions[i] / total;
            counts[i] = (int) Math.floor(exact);
            remainders[i] = exact - counts[i];
            assigned += counts[i];
        }
        while (assigned < n) {
            int best = 0;
            for (int i = 1; i < fractions.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            assigned++;
        }
        return counts;
    }

    private static void shuffle(int[] values, int from, int to, RandomGenerator random) {
        for (int i = to - 1; i > from; i--) {
            int j = from + random.nextInt(i - from + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
