package dev.peft4j.core.run;

import dev.peft4j.core.data.ExampleSet;
import dev.peft4j.core.data.PreparedData;
import dev.peft4j.core.data.batch.Batcher;
import dev.peft4j.core.data.batch.TokenizedSet;
import dev.peft4j.core.data.report.DataReport;
import dev.peft4j.core.data.split.SplitName;
import dev.peft4j.core.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The three splits tokenized once (token ids in temporary files), as batch sources, with the data report completed
 * by each split's tokenization. Closing deletes the temporary files.
 */
final class TokenizedSplits implements AutoCloseable {

    private final Map<SplitName, TokenizedSet> sets;
    private final Map<SplitName, TokenizedSource> sources;
    private final DataReport report;

    private TokenizedSplits(Map<SplitName, TokenizedSet> sets, Map<SplitName, TokenizedSource> sources,
                            DataReport report) {
        this.sets = sets;
        this.sources = sources;
        this.report = report;
    }

    /**
     * @param trainBatchSize rows per training micro-batch; the report's padding ratios assume it for train and
     *                       {@code evalBatchSize} for the other splits
     */
    static TokenizedSplits tokenize(PreparedData data, TextTokenizer tokenizer, Batcher batcher, int maxLength,
                                    boolean bucketing, int trainBatchSize, int evalBatchSize, int histogramBinWidth,
                                    Path workDir) {
        Map<SplitName, TokenizedSet> sets = new EnumMap<>(SplitName.class);
        Map<SplitName, TokenizedSource> sources = new EnumMap<>(SplitName.class);
        DataReport report = data.report();
        try {
            for (SplitName name : SplitName.values()) {
                ExampleSet examples = data.split(name);
                TokenizedSet set = TokenizedSet.tokenize(examples, tokenizer, maxLength, workDir);
                sets.put(name, set);
                sources.put(name, new TokenizedSource(set, examples, batcher, bucketing && name == SplitName.TRAIN));
                if (set.size() > 0) {
                    int batchSize = name == SplitName.TRAIN ? trainBatchSize : evalBatchSize;
                    report = report.withTokens(batcher.report(set, batchSize, histogramBinWidth));
                }
            }
        } catch (RuntimeException e) {
            sets.values().forEach(TokenizedSet::close);
            throw e;
        }
        return new TokenizedSplits(sets, sources, report);
    }

    TokenizedSource source(SplitName name) {
        return sources.get(name);
    }

    /** Tokens (padding excluded) of a split. */
    long tokens(SplitName name) {
        TokenizedSet set = sets.get(name);
        long total = 0;
        for (int i = 0; i < set.size(); i++) {
            total += set.length(i);
        }
        return total;
    }

    /** The data report with every split's tokenization. */
    DataReport report() {
        return report;
    }

    @Override
    public void close() {
        sets.values().forEach(TokenizedSet::close);
    }
}
