package dev.peft4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.config.ExtensionChoice;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.config.PipelineConfigLoader;
import dev.peft4j.spi.metric.TaskType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSettingsTest {

    private static final PipelineConfigLoader LOADER = PipelineConfigLoader.forHost(List.of(), List.of(
            ExtensionChoice.tuningMethods(List.of("full", "lora")),
            ExtensionChoice.schedules(List.of("linear")),
            ExtensionChoice.metrics(List.of("accuracy", "f1", "spearman"))));
    private static final Path BASE = Path.of("/pipelines");

    private static RunSettings read(String pipeline) {
        return RunSettings.from(LOADER.load(pipeline, "p.conf", Map.of()), BASE);
    }

    @Test
    void aValidPipelineIsReadWithDataAndModelPathsRelativeToItsFolder() {
        RunSettings settings = read("""
                model.path = "builtin:all-minilm-l6-v2"
                method.type = full
                data.train = "data/train.tsv"
                evaluation.metrics = [accuracy]
                """);

        assertThat(settings.data().train()).isEqualTo(Path.of("/pipelines/data/train.tsv"));
        assertThat(settings.model().task()).isEqualTo(TaskType.CLASSIFICATION);
        assertThat(settings.model().randomInit()).isFalse();
        assertThat(settings.optimizer().beta2()).isEqualTo(0.999);
        assertThat(settings.runDirTimestamp()).isTrue();
        assertThat(settings.host().training().batchSize()).isEqualTo(16);
    }

    @Test
    void aClassificationModelOnRealValuedLabelsIsRefusedAtTheTaskLine() {
        assertThatThrownBy(() -> read("""
                model.path = "m"
                data.train = "t.tsv"
                data.label-type = float
                model.task = classification
                """))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining("p.conf:4: model.task: expected regression, since data.label-type = float");
    }

    @Test
    void causalLanguageModellingIsRefusedBecauseARunTrainsOnLabelledRows() {
        assertThatThrownBy(() -> read("""
                model.path = "m"
                model.task = causal-lm
                data.train = "t.tsv"
                """))
                .hasMessageContaining("p.conf:2: model.task: expected classification or regression");
    }

    @Test
    void mixedPrecisionNeedsTheMatchingMatmulPrecision() {
        assertThatThrownBy(() -> read("""
                model.path = "m"
                data.train = "t.tsv"
                training.precision = fp16-mixed
                """))
                .hasMessageContaining("p.conf:3: training.precision: expected fp16-mixed needs model.precision = fp16");
    }

    @Test
    void everyRefusedValueOfEveryBlockIsReportedAtOnce() {
        assertThatThrownBy(() -> read("""
                training.adam-beta1 = 1.5
                training.log-every-steps = 0
                training.batch-size = 0
                """))
                .isInstanceOf(PipelineConfigException.class)
                .satisfies(e -> assertThat(((PipelineConfigException) e).problems()).hasSize(5))
                .hasMessageContaining("model.path")
                .hasMessageContaining("p.conf:1: training.adam-beta1: expected a number in [0, 1)")
                .hasMessageContaining("p.conf:2: training.log-every-steps")
                .hasMessageContaining("p.conf:3: training.batch-size")
                .hasMessageContaining("data.train is not set");
    }
}
