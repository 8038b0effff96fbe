package dev.peft4j.testkit.plugin;

/** Sources of small plugin extensions, compiled into real jars by {@link PluginJarBuilder}. */
final class TestPlugins {

    private TestPlugins() {
    }

    /** A learning-rate schedule named {@code name} that returns the peak rate times its {@code factor} setting. */
    static String scalingSchedule(String className, String name) {
        int dot = className.lastIndexOf('.');
        return """
                package %s;

                import com.typesafe.config.Config;
                import dev.peft4j.spi.PluginContext;
                import dev.peft4j.spi.schedule.LrSchedule;
                import dev.peft4j.spi.schedule.LrScheduleFactory;

                @org.pf4j.Extension
                public class %s implements LrScheduleFactory {
                    public String name() {
                        return "%s";
                    }

                    public LrSchedule create(Config settings, PluginContext context) {
                        double factor = settings.getDouble("factor");
                        return (step, horizon) -> horizon.peakRate() * factor;
                    }
                }
                """.formatted(className.substring(0, dot), className.substring(dot + 1), name);
    }

    /** A plugin builder with one scaling schedule and a reference.conf setting its factor. */
    static PluginJarBuilder scheduleJar(String pluginId, String scheduleName) {
        String pkg = "test." + pluginId.replace('-', '_');
        return PluginJarBuilder.plugin(pluginId)
                .source(pkg + ".ScalingSchedule", scalingSchedule(pkg + ".ScalingSchedule", scheduleName))
                .resource("reference.conf", "factor = 0.5\n");
    }
}
