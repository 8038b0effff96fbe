package dev.peft4j.core.run;

import dev.peft4j.core.config.HostSettings;
import dev.peft4j.core.config.TrainingSettings;
import dev.peft4j.core.train.Batch;
import dev.peft4j.core.train.BatchSource;
import dev.peft4j.core.train.TrainableModel;
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

    static TrainerOptions options(HostSettings host, OptimizerSettings o, boolean resume) {
        TrainingSettings t = host.training();
        return new TrainerOptions(host.pipeline().seed(), t.epochs(), t.maxSteps(), t.batchSize(),
                t.gradientAccumulationSteps(), t.learningRate(), t.warmupSteps(), t.warmupRatio(), t.evalEverySteps(),
                o.saveEverySteps(), t.bestMetric(), t.greaterIsBetter(), t.earlyStoppingPatience(), t.loadBestAtEnd(),
                resume || t.resume(), o.logEverySteps());
    }

    /**
     * @param validation null when there are no validation rows: then nothing picks a best checkpoint
     */
    static <B extends Batch> Trainer<B> build(HostSettings host, OptimizerSettings optimizer, boolean resume,
                                              TrainableModel<B> model, BatchSource<B> train, Validation validation,
                                              LrSchedule schedule, Path runDir, List<TrainingListener> listeners) {
        TrainingSettings t = host.training();
        Trainer.Builder<B> builder = Trainer.builder(model, train)
                .options(options(host, optimizer, resume))
                .optimizer(optimizer.optimizer(t))
                .lossScaling(optimizer.lossScaling(t.precision()))
                .schedule(schedule)
                .runDirectory(runDir);
        if (validation != null) {
            builder.validation(validation);
        }
        listeners.forEach(builder::listener);
        return builder.build();
    }
}
