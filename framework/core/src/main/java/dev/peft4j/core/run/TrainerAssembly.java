package dev.peft4j.core.run;

import dev.peft4j.core.config.TrainingSettings;
import dev.peft4j.core.train.Trainer;
import dev.peft4j.core.train.TrainerOptions;
import dev.peft4j.core.train.Validation;
import dev.peft4j.core.train.progress.TrainingListener;
import dev.peft4j.spi.schedule.LrSchedule;
import java.nio.file.Path;
import java.util.List;

/** Maps the pipeline's {@code training} block onto the trainer: its options, optimizer and loss scaling. */
final class TrainerAssembly {

    private TrainerAssembly() {
    }

    static TrainerOptions options(RunSettings settings, boolean resume) {
        TrainingSettings t = settings.host().training();
        OptimizerSettings o = settings.optimizer();
        return new TrainerOptions(settings.host().pipeline().seed(), t.epochs(), t.maxSteps(), t.batchSize(),
                t.gradientAccumulationSteps(), t.learningRate(), t.warmupSteps(), t.warmupRatio(), t.evalEverySteps(),
                o.saveEverySteps(), t.bestMetric(), t.greaterIsBetter(), t.earlyStoppingPatience(), t.loadBestAtEnd(),
                resume || t.resume(), o.logEverySteps());
    }

    /**
     * @param validation null when there are no validation rows: then nothing picks a best checkpoint
     */
    static Trainer<TokenBatch> build(RunSettings settings, boolean resume, GraphModel<TokenBatch> model, TokenizedSource train,
                                     Validation validation, LrSchedule schedule, Path runDir,
                                     List<TrainingListener> listeners) {
        TrainingSettings t = settings.host().training();
        Trainer.Builder<TokenBatch> builder = Trainer.builder(model, train)
                .options(options(settings, resume))
                .optimizer(settings.optimizer().optimizer(t))
                .lossScaling(settings.optimizer().lossScaling(t.precision()))
                .schedule(schedule)
                .runDirectory(runDir);
        if (validation != null) {
            builder.validation(validation);
        }
        listeners.forEach(builder::listener);
        return builder.build();
    }
}
