package dev.peft4j.core.eval.compare;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * McNemar's exact test on paired correct/incorrect outcomes: under "A and B are equally accurate" each discordant
 * row (one right, the other wrong) favours B with probability 1/2, so the count favouring B is Binomial(n, 1/2).
 *
 * @param onlyA rows A got right and B got wrong
 * @param onlyB rows B got right and A got wrong
 */
public record McNemar(int onlyA, int onlyB) {

    public McNemar {
        if (onlyA < 0 || onlyB < 0) {
            throw new IllegalArgumentException("discordant counts must be >= 0, got " + onlyA + " and " + onlyB);
        }
    }

    /** Counts the discordant pairs of two classifiers on the same labelled rows. */
    public static McNemar of(int[] gold, int[] predictedA, int[] predictedB) {
        int a = 0;
        int b = 0;
        for (int i = 0; i < gold.length; i++) {
            boolean rightA = predictedA[i] == gold[i];
            boolean rightB = predictedB[i] == gold[i];
            if (rightA && !rightB) {
                a++;
            } else if (rightB && !rightA) {
                b++;
            }
        }
        return new McNemar(a, b);
    }

    /** Two-sided exact p-value; 1 when there is no discordant row. */
    public double pValue() {
        int n = onlyA + onlyB;
        if (n == 0) {
            return 1;
        }
        return BinomialTest.withDefaults().with(AlternativeHypothesis.TWO_SIDED).test(n, onlyB, 0.5).getPValue();
    }
}
