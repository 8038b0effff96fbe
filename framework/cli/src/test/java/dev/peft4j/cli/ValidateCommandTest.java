package dev.peft4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.testkit.plugin.PluginJarBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    @TempDir
    Path plugins;

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** A plugin offering a tuning method named lora with one setting; only its name and settings are used here. */
    @BeforeEach
    void loraNamedPlugin() {
        PluginJarBuilder.plugin("fixture-lora")
                .source("fixture.LoraNamed", """
                        package fixture;

                        import com.typesafe.config.Config;
                        import dev.peft4j.spi.PluginContext;
                        import dev.peft4j.spi.method.TuningMethod;
                        import java.util.Map;

                        @org.pf4j.Extension
                        public class LoraNamed implements dev.peft4j.spi.method.TuningMethodFactory {
                            public String name() {
                                return "lora";
                            }

                            public String peftType() {
                                return "LORA";
                            }

                            public TuningMethod create(Config settings, PluginContext context) {
                                throw new UnsupportedOperationException("validation only reads the name");
                            }

                            public TuningMethod fromAdapterConfig(Map<String, Object> config, PluginContext context) {
                                throw new UnsupportedOperationException("validation only reads the name");
                            }
                        }
                        """)
                .resource("reference.conf", """
                        method.lora {
                          # Rank of the update matrices.
                          rank = 8
                        }
                        """)
                .buildInto(plugins);
    }

    private int run(String... args) {
        CommandLine command = Peft4jCommand.commandLine();
        command.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private Path pipeline(String text) throws Exception {
        return Files.writeString(work.resolve("pipeline.conf"), text);
    }

    @Test
    void validPipelineIsPrintedResolvedWithThePluginsDefaultsAndTheOverrides() throws Exception {
        Path file = pipeline("""
                model.path = "/models/tiny"
                method.lora.rank = 4
                data.train = "train.tsv"
                """);

        int exit = run("validate", file.toString(), "--plugins-dir", plugins.toString(), "-D", "training.epochs=7");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("rank = 4", "pipeline.conf:2", "epochs = 7", "learning-rate");
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileLineAndKey() throws Exception {
        Path file = pipeline("""
                model.path = "/models/tiny"
                trainng.epochs = 3
                training.batch-size = "sixteen"
                method.lora.rnk = 4
                """);

        int exit = run("validate", file.toString(), "--plugins-dir", plugins.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(
                "3 problems in the pipeline:",
                "pipeline.conf:2: trainng",
                "did you mean 'training",
                "pipeline.conf:3: training.batch-size: expected",
                "pipeline.conf:4: method.lora.rnk",
                "did you mean 'method.lora.rank'");
    }

    @Test
    void refusedPluginStopsValidationWithItsCause() throws Exception {
        PluginJarBuilder.corruptJar(plugins, "broken.jar");

        int exit = run("validate", pipeline("model.path = x").toString(), "--plugins-dir", plugins.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("1 plugin problem stops peft4j from starting",
                "broken.jar was refused: the file is not a readable jar");
    }

    @Test
    void missingPipelineFileIsAConfigurationError() {
        int exit = run("validate", work.resolve("nope.conf").toString(), "--plugins-dir", plugins.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("nope.conf", "no such pipeline file");
    }
}
