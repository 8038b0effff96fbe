package dev.peft4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.MetricFactory;
import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import dev.peft4j.spi.schedule.TrainingHorizon;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsRecordsTest {

    private final PipelineConfigLoader loader = TestReferences.hostLoader();

    @Test
    void referenceDefaultsReadIntoTheHostSettings() {
        HostSettings settings = HostSettings.from(loader.defaults(Map.of()).config());

        assertThat(settings.pipeline()).isEqualTo(new PipelineSettings("run", Path.of("runs/run"), 42));
        TrainingSettings training = settings.training();
        assertThat(training.epochs()).isEqualTo(3);
        assertThat(training.maxSteps()).isZero();
        assertThat(training.batchSize()).isEqualTo(16);
        assertThat(training.learningRate()).isEqualTo(2e-4);
        assertThat(training.weightDecay()).isEqualTo(0.01);
        assertThat(training.warmupRatio()).isZero();
        assertThat(training.warmupSteps()).isZero();
        assertThat(training.schedule().type()).isEqualTo("linear");
        assertThat(training.maxGradNorm()).isEqualTo(1.0);
        assertThat(training.gradientAccumulationSteps()).isEqualTo(1);
        assertThat(training.precision()).isEqualTo(TrainingPrecision.FP32);
        assertThat(training.evalEverySteps()).isZero();
        assertThat(training.bestMetric()).isEqualTo("loss");
        assertThat(training.greaterIsBetter()).isFalse();
        assertThat(training.earlyStoppingPatience()).isZero();
        assertThat(training.loadBestAtEnd()).isTrue();
        assertThat(training.resume()).isFalse();
        assertThat(settings.evaluation().metrics()).containsExactly("accuracy", "f1");
        assertThat(settings.evaluation().batchSize()).isEqualTo(32);
    }

    @Test
    void refusedValuesOfEveryBlockAreReportedTogetherAtTheirLines() {
        String pipeline = """
                training {
                  epochs = 0
                  batch-size = 0
                  warmup-ratio = 0.1
                  warmup-steps = 100
                  precision = bf16-mixed
                }
                evaluation.metrics = [f1, f1]
                """;
        Config config = loader.load(pipeline, "bad.conf", Map.of()).config();

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> HostSettings.from(config));

        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
                "bad.conf:2: training.epochs: expected a whole number >= 1, found 0",
                "bad.conf:3: training.batch-size: expected a whole number >= 1, found 0",
                "bad.conf:5: training.warmup-steps: expected 0 when training.warmup-ratio is above 0 "
                        + "(set one of the two), found 100",
                "bad.conf:8: evaluation.metrics: expected each metric named once, found [f1, f1]");
    }

    @Test
    void enumSettingsReadTheirKebabCaseNames() {
        Config config = loader.defaults(Map.of("training.precision", "bf16-mixed")).config();

        assertThat(TrainingSettings.from(config).precision()).isEqualTo(TrainingPrecision.BF16_MIXED);
        assertThatThrownBy(() -> SettingsReader.enumValue(ConfigFactory.parseString("p = fp64"), "p",
                TrainingPrecision.class))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("p: expected one of fp32, fp16-mixed, bf16-mixed, found \"fp64\"");
    }

    @Test
    void stepsFollowEpochsBatchesAndAccumulationUnlessMaxStepsIsSet() {
        TrainingSettings training = TrainingSettings.from(loader.defaults(Map.of(
                "training.gradient-accumulation-steps", "4")).config());

        // 1000 examples / 16 = 62.5 -> 63 batches; 63 / 4 = 15.75 -> 16 optimizer steps; 3 epochs -> 48.
        assertThat(training.optimizerStepsPerEpoch(1000)).isEqualTo(16);
        assertThat(training.totalSteps(1000)).isEqualTo(48);
        TrainingSettings capped = TrainingSettings.from(loader.defaults(Map.of("training.max-steps", "100")).config());
        assertThat(capped.totalSteps(1000)).isEqualTo(100);
        assertThatThrownBy(() -> training.optimizerStepsPerEpoch(0)).hasMessageContaining("training split is empty");
    }

    @Test
    void horizonTakesWarmupFromStepsOrFromTheRatioRoundedUp() {
        TrainingSettings byRatio = TrainingSettings.from(
                loader.defaults(Map.of("training.warmup-ratio", "0.1")).config());
        TrainingSettings bySteps = TrainingSettings.from(
                loader.defaults(Map.of("training.warmup-steps", "7")).config());

        // ceil(0.1 * 95) = ceil(9.5) = 10
        assertThat(byRatio.horizon(95)).isEqualTo(new TrainingHorizon(2e-4, 10, 95));
        assertThat(bySteps.horizon(95)).isEqualTo(new TrainingHorizon(2e-4, 7, 95));
        assertThatThrownBy(() -> bySteps.horizon(5))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessage("training.warmup-steps: expected at most the run's 5 optimizer steps, found 7");
    }

    @Test
    void extensionsGetTheirOwnBlockOrAnEmptyOneWhenTheyDeclareNone() {
        HostSettings settings = HostSettings.from(loader.defaults(Map.of()).config());

        assertThat(settings.training().schedule().settingsFor(schedule("cosine")).getDouble("cycles")).isEqualTo(0.5);
        assertThat(settings.training().schedule().settingsFor(schedule("linear")).isEmpty()).isTrue();
        assertThat(settings.evaluation().settingsFor(metric("f1")).getString("average")).isEqualTo("macro");
    }

    @Test
    void constructorsRefuseEveryBadValueAtOnce() {
        assertThatThrownBy(() -> new PipelineSettings(" ", null, 1))
                .isInstanceOfSatisfying(InvalidSettingsException.class, e -> assertThat(e.violations())
                        .extracting(SettingViolation::path).containsExactly("pipeline.name", "pipeline.run-dir"));
        assertThatThrownBy(() -> new EvaluationSettings(List.of("f1"), 0, ConfigFactory.empty()))
                .hasMessage("evaluation.batch-size: expected a whole number >= 1, found 0");
    }

    private static LrScheduleFactory schedule(String name) {
        return new LrScheduleFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public LrSchedule create(Config settings, PluginContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static MetricFactory metric(String name) {
        return new MetricFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Metric create(Config settings, PluginContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
