package dev.peft4j.core.data.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Text lengths of a split: counts in bins of {@code binWidth} (bin i holds lengths {@code [i*w, (i+1)*w)}) plus
 * exact summary numbers.
 */
public record LengthHistogram(String unit, int binWidth, List<Long> counts, long total, int min, int max,
                              double mean, int median, int p95) {

    public LengthHistogram {
        counts = List.copyOf(counts);
    }

    /** Collects exact lengths; memory grows with the longest length, not with the number of rows. */
    public static final class Builder {
        private long[] byLength = new long[64];
        private long total;
        private long sum;

        public void add(int length) {
            if (length >= byLength.length) {
                byLength = Arrays.copyOf(byLength, Math.max(length + 1, byLength.length * 2));
            }
            byLength[length]++;
            total++;
            sum += length;
        }

        public LengthHistogram build(String unit, int binWidth) {
            List<Long> bins = new ArrayList<>();
            int min = -1;
            int max = -1;
            for (int length = 0; length < byLength.length; length++) {
                if (byLength[length] == 0) {
                    continue;
                }
                min = min < 0 ? length : min;
                max = length;
                int bin = length / binWidth;
                while (bins.size() <= bin) {
                    bins.add(0L);
                }
                bins.set(bin, bins.get(bin) + byLength[length]);
            }
            return new LengthHistogram(unit, binWidth, bins, total, Math.max(min, 0), Math.max(max, 0),
                    total == 0 ? 0 : (double) sum / total, quantile(0.5), quantile(0.95));
        }

        /** The smallest length with at least {@code q} of the rows at or below it. */
        private int quantile(double q) {
            if (total == 0) {
                return 0;
            }
            long needed = (long) Math.ceil(q * total);
            long seen = 0;
            for (int length = 0; length < byLength.length; length++) {
                seen += byLength[length];
                if (seen >= needed) {
                    return length;
                }
            }
            return byLength.length - 1;
        }
    }
}
