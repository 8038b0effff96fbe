package dev.peft4j.core.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * The data settings to score a trained model on one file: the run's reading and cleaning of its data, on that file
 * alone, every row kept in order (no split, deduplication, balancing or augmentation), and the run's classes in the
 * run's order, so that class indices mean what they meant in training.
 */
final class EvaluationData {

    private EvaluationData() {
    }

    /** @param classNames the run's classes; empty for regression */
    static Config configure(Config root, Path file, List<String> classNames) {
        Config config = root
                .withValue("data.train", ConfigValueFactory.fromAnyRef(file.toString()))
                .withValue("data.validation", ConfigValueFactory.fromAnyRef(null))
                .withValue("data.test", ConfigValueFactory.fromAnyRef(null))
                .withValue("data.dedup.mode", ConfigValueFactory.fromAnyRef("none"))
                .withValue("data.balance.strategy", ConfigValueFactory.fromAnyRef("none"))
                .withValue("data.augment.enabled", ConfigValueFactory.fromAnyRef(false))
                .withValue("data.split.ratios", ConfigValueFactory.fromIterable(List.of(1.0, 0.0, 0.0)))
                .withValue("data.split.overlap", ConfigValueFactory.fromAnyRef("report-only"));
        return classNames.isEmpty() ? config
                : config.withValue("data.labels", ConfigValueFactory.fromIterable(classNames));
    }
}
