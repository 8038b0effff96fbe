package dev.peft4j.core.run;

import dev.peft4j.core.eval.EvaluationResult;
import dev.peft4j.core.eval.Evaluator;
import java.nio.file.Path;
import java.util.List;

/** {@code peft4j predict}: a trained model's predictions for unlabelled rows, in batches, in the file's order. */
public final class FilePrediction {

    private FilePrediction() {
    }

    /** @return the predictions; {@code metrics()} is empty since the rows carry no gold labels */
    public static EvaluationResult run(TrainedModel trained, Path input) {
        RunSettings settings = trained.settings();
        List<UnlabelledInput.Row> rows = UnlabelledInput.read(input, settings.data());
        EncodedRows encoded = EncodedRows.encode(rows, trained.base().tokenizer(),
                settings.data().batching().maxLength());
        Evaluator<EncodedRows.Rows> evaluator = new Evaluator<>(trained.model(),
                settings.host().evaluation().batchSize());
        return InputOrder.restore(evaluator.evaluate(encoded, List.of()), encoded.order());
    }
}
