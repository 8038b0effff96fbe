package dev.peft4j.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.mock;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.config.PipelineConfigLoader;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import dev.peft4j.spi.schedule.TrainingHorizon;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Every expected rate below is worked out by hand. The horizon is peak 1e-3, 10 warmup steps, 110 steps in all,
 * so 100 steps decay after warmup and step {@code 10 + s} is {@code s} steps into the decay.
 */
class SchedulesTest {

    private static final TrainingHorizon HORIZON = new TrainingHorizon(1e-3, 10, 110);
    private static final Offset<Double> CLOSE = within(1e-12);
    private static final Config REFERENCE = PipelineConfigLoader.hostReference();

    @Test
    void warmupRisesLinearlyFromZeroToThePeakForEverySchedule() {
        for (LrScheduleFactory factory : new LrScheduleFactory[] {new ConstantScheduleFactory(),
                new LinearScheduleFactory(), new CosineScheduleFactory(), new StepScheduleFactory()}) {
            LrSchedule schedule = create(factory, defaultsOf(factory));
            assertThat(schedule.rate(0, HORIZON)).as(factory.name()).isZero();
            assertThat(schedule.rate(5, HORIZON)).as(factory.name()).isCloseTo(5e-4, CLOSE);
            assertThat(schedule.rate(9, HORIZON)).as(factory.name()).isCloseTo(9e-4, CLOSE);
            assertThat(schedule.rate(10, HORIZON)).as(factory.name()).isCloseTo(1e-3, CLOSE);
        }
    }

    @Test
    void constantHoldsThePeakAfterWarmup() {
        LrSchedule constant = create(new ConstantScheduleFactory(), ConfigFactory.empty());

        assertThat(constant.rate(60, HORIZON)).isEqualTo(1e-3);
        assertThat(constant.rate(109, HORIZON)).isEqualTo(1e-3);
    }

    @Test
    void linearFallsFromThePeakToZeroAtTheEnd() {
        LrSchedule linear = create(new LinearScheduleFactory(), ConfigFactory.empty());

        assertThat(linear.rate(60, HORIZON)).isCloseTo(5e-4, CLOSE);      // half-way: peak / 2
        assertThat(linear.rate(85, HORIZON)).isCloseTo(2.5e-4, CLOSE);    // 75 of 100 steps done: peak / 4
        assertThat(linear.rate(109, HORIZON)).isCloseTo(1e-5, CLOSE);     // last step: peak * 1/100
        assertThat(linear.rate(110, HORIZON)).isZero();
        assertThat(linear.rate(500, HORIZON)).isZero();
    }

    @Test
    void linearWithoutWarmupStartsAtThePeak() {
        LrSchedule linear = create(new LinearScheduleFactory(), ConfigFactory.empty());
        TrainingHorizon noWarmup = new TrainingHorizon(2.0, 0, 100);

        assertThat(linear.rate(0, noWarmup)).isEqualTo(2.0);
        assertThat(linear.rate(50, noWarmup)).isCloseTo(1.0, CLOSE);
    }

    @Test
    void cosineFollowsHalfACosineFromThePeakToZeroByDefault() {
        LrSchedule cosine = create(new CosineScheduleFactory(), REFERENCE.getConfig("training.schedule.cosine"));

        // factor = (1 + cos(pi * p)) / 2 at progress p
        // p = 1/4: (1 + sqrt(2)/2) / 2
        assertThat(cosine.rate(35, HORIZON)).isCloseTo(1e-3 * 0.8535533905932737, CLOSE);
        // p = 1/2
        assertThat(cosine.rate(60, HORIZON)).isCloseTo(5e-4, CLOSE);
        // p = 3/4: (1 - sqrt(2)/2) / 2
        assertThat(cosine.rate(85, HORIZON)).isCloseTo(1e-3 * 0.1464466094067262, CLOSE);
        assertThat(cosine.rate(110, HORIZON)).isCloseTo(0.0, CLOSE);
    }

    @Test
    void cosineStopsAtItsFloorAndRepeatsWithMoreCycles() {
        LrSchedule floored = create(new CosineScheduleFactory(),
                ConfigFactory.parseString("min-rate-ratio = 0.1, cycles = 0.5"));
        LrSchedule fullCycle = create(new CosineScheduleFactory(),
                ConfigFactory.parseString("min-rate-ratio = 0.0, cycles = 1"));

        assertThat(floored.rate(60, HORIZON)).isCloseTo(5.5e-4, CLOSE);    // 0.1 + 0.9 * 0.5
        assertThat(floored.rate(110, HORIZON)).isCloseTo(1e-4, CLOSE);     // the floor, 0.1 * peak
        assertThat(floored.rate(400, HORIZON)).isCloseTo(1e-4, CLOSE);     // progress is clamped at 1
        assertThat(fullCycle.rate(60, HORIZON)).isCloseTo(0.0, CLOSE);     // cos(pi) = -1
        assertThat(fullCycle.rate(110, HORIZON)).isCloseTo(1e-3, CLOSE);   // cos(2 pi) = 1: back at the peak
    }

    @Test
    void stepMultipliesByGammaEveryStepSizeStepsAfterWarmup() {
        LrSchedule step = create(new StepScheduleFactory(), ConfigFactory.parseString("step-size = 30, gamma = 0.5"));

        assertThat(step.rate(39, HORIZON)).isEqualTo(1e-3);      // 29 steps after warmup: no decay yet
        assertThat(step.rate(40, HORIZON)).isEqualTo(5e-4);      // 30: one decay
        assertThat(step.rate(70, HORIZON)).isEqualTo(2.5e-4);    // 60: two
        assertThat(step.rate(100, HORIZON)).isEqualTo(1.25e-4);  // 90: three
    }

    @Test
    void stepDefaultsDecayTenfoldEveryThousandSteps() {
        LrSchedule step = create(new StepScheduleFactory(), REFERENCE.getConfig("training.schedule.step"));
        TrainingHorizon longRun = new TrainingHorizon(1.0, 0, 3000);

        assertThat(step.rate(999, longRun)).isEqualTo(1.0);
        assertThat(step.rate(1000, longRun)).isCloseTo(0.1, CLOSE);
        assertThat(step.rate(2500, longRun)).isCloseTo(0.01, CLOSE);
    }

    @Test
    void badScheduleSettingsAreRefusedWithTheirFullKeyPaths() {
        assertThatThrownBy(() -> create(new CosineScheduleFactory(),
                ConfigFactory.parseString("min-rate-ratio = 1.5, cycles = 0")))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining(
                        "training.schedule.cosine.min-rate-ratio: expected a number from 0 to 1, found 1.5")
                .hasMessageContaining("training.schedule.cosine.cycles: expected a positive number, found 0.0");
        assertThatThrownBy(() -> create(new StepScheduleFactory(),
                ConfigFactory.parseString("step-size = 0, gamma = 2")))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining("training.schedule.step.step-size: expected a whole number >= 1, found 0")
                .hasMessageContaining(
                        "training.schedule.step.gamma: expected a number above 0 and at most 1, found 2.0");
    }

    @Test
    void negativeStepsAreRefused() {
        LrSchedule linear = create(new LinearScheduleFactory(), ConfigFactory.empty());

        assertThatThrownBy(() -> linear.rate(-1, HORIZON)).hasMessageContaining("count from 0");
    }

    private static Config defaultsOf(LrScheduleFactory factory) {
        String path = "training.schedule." + factory.settingsPath();
        return REFERENCE.hasPath(path) ? REFERENCE.getConfig(path) : ConfigFactory.empty();
    }

    private static LrSchedule create(LrScheduleFactory factory, Config settings) {
        return factory.create(settings, mock(PluginContext.class));
    }
}
