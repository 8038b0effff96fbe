package dev.peft4j.core.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" candidates, by edit distance with adjacent transpositions counted as one edit. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code typed}, if it is close enough to be a likely typo: one edit for names up to
     * 4 characters, two up to 8, three beyond. Ties go to the first candidate in iteration order.
     */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= tolerance(typed) ? Optional.of(best) : Optional.empty();
    }

    private static int tolerance(String typed) {
        int length = typed.length();
        return length <= 4 ? 1 : length <= 8 ? 2 : 3;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
