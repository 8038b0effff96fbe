package dev.peft4j.core.run;

import dev.peft4j.core.data.DataPipeline;
import dev.peft4j.core.data.PreparedData;
import dev.peft4j.core.data.batch.Batcher;
import dev.peft4j.core.data.batch.TokenizedSet;
import dev.peft4j.core.data.report.DataReport;
import dev.peft4j.core.eval.EvaluationResult;
import dev.peft4j.core.eval.Evaluator;
import dev.peft4j.core.extension.Extensions;
import dev.peft4j.spi.metric.Metric;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code peft4j evaluate}: a trained model scored on a labelled file, read as its run read data, with the run's
 * metrics. Rows come out in the file's order.
 *
 * @param result  the metrics and every row's prediction
 * @param data    how the file was read: rows read, skipped (by reason), cleaned away
 */
public record FileEvaluation(EvaluationResult result, DataReport data) {

    public static FileEvaluation run(TrainedModel trained, Extensions extensions) {
        RunSettings settings = trained.settings();
        Path work = TemporaryFolder.create("peft4j-evaluate-");
        try (PreparedData data = DataPipeline.prepare(settings.data(), List.of(), work);
                TokenizedSet tokens = TokenizedSet.tokenize(data.train(), trained.base().tokenizer(),
                        settings.data().batching().maxLength(), work)) {
            Batcher batcher = new Batcher(settings.data().batching(), settings.data().seed(),
                    trained.base().tokenizer());
            TokenizedSource sorted = new TokenizedSource(tokens, data.train(), batcher, false).sortedByLength();
            List<Metric> metrics = new RunExtensions(extensions, settings.host().pipeline().seed(), work)
                    .metrics(settings.host().evaluation());
            Evaluator<TokenBatch> evaluator = new Evaluator<>(trained.model(), settings.host().evaluation().batchSize());
            EvaluationResult result = InputOrder.restore(evaluator.evaluate(sorted, metrics), sorted.order());
            return new FileEvaluation(result, data.report());
        } finally {
            TemporaryFolder.delete(work);
        }
    }
}
