package dev.peft4j.core.pretrain;

import dev.peft4j.core.data.DataException;
import dev.peft4j.core.train.Feed;
import dev.peft4j.core.train.ForwardMode;
import dev.peft4j.core.train.Validation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * The model's loss on the held-out blocks, in inference mode: the mean over every scored token of the split (each
 * batch's mean loss weighted by its scored tokens), and the perplexity, its exponential. For a masked LM the scored
 * tokens are the masked ones, masked the same way at every evaluation.
 */
public final class HeldOutLoss implements Validation {

    /** The metric names this evaluation reports. */
    public static final String LOSS = "loss";
    public static final String PERPLEXITY = "perplexity";

    private final LanguageModel model;
    private final BlockSource blocks;
    private final int batchSize;

    public HeldOutLoss(LanguageModel model, BlockSource blocks, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("evaluation batch size must be at least 1, got " + batchSize);
        }
        this.model = model;
        this.blocks = blocks;
        this.batchSize = batchSize;
    }

    /** {@code loss} and {@code perplexity} on the held-out blocks. */
    @Override
    public Map<String, Double> evaluate() {
        double lossSum = 0;
        double scored = 0;
        for (int from = 0; from < blocks.size(); from += batchSize) {
            int[] rows = new int[Math.min(batchSize, blocks.size() - from)];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            try (Feed feed = new Feed(model.session().runner())) {
                model.feed(feed, blocks.batch(rows), ForwardMode.inference());
                try (Result r = feed.runner().fetch(model.loss()).fetch(model.scoredTokenCount()).run()) {
                    double count = ((TFloat32) r.get(1)).getFloat();
                    lossSum += ((TFloat32) r.get(0)).getFloat() * count;
                    scored += count;
                }
            }
        }
        if (scored == 0) {
            throw new DataException("the held-out blocks have no token to score (" + blocks.size() + " blocks, "
                    + blocks.tokens() + " tokens); hold out more text with pretrain.validation-fraction");
        }
        double loss = lossSum / scored;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(LOSS, loss);
        metrics.put(PERPLEXITY, Math.exp(loss));
        return metrics;
    }
}
