package dev.peft4j.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineConfigLoaderTest {

    @TempDir
    Path dir;

    private final PipelineConfigLoader loader = TestReferences.hostLoader();

    @Test
    void defaultsRenderedAsHoconReloadToTheSameConfig() {
        PipelineConfig defaults = loader.defaults(Map.of());

        String rendered = defaults.render();
        PipelineConfig reloaded = loader.load(rendered, "rendered.conf", Map.of());

        assertThat(reloaded.config()).isEqualTo(defaults.config());
        assertThat(rendered).contains("reference.conf").contains("lora.jar!/reference.conf");
        assertThat(defaults.config().hasPath(ReferenceSchema.KEY)).isFalse();
    }

    @Test
    void defaultsRenderedAsJsonReloadToTheSameConfig() {
        PipelineConfig defaults = loader.defaults(Map.of());

        PipelineConfig reloaded = loader.load(defaults.renderJson(), "rendered.json", Map.of());

        assertThat(reloaded.config()).isEqualTo(defaults.config());
        assertThat(defaults.renderJson()).doesNotContain("#");
    }

    @Test
    void renderNamesTheFileAndLineEachValueCameFrom() throws IOException {
        Path file = write("sst2-lora.conf", """
                pipeline.name = sst2
                training.epochs = 5
                """);

        String rendered = loader.load(file, Map.of("training.batch-size", "8")).render();

        assertThat(rendered.lines()).anyMatch(line -> line.matches(" {2}epochs = 5 +# " + Pattern.quote(file + ":2")))
                .anyMatch(line -> line.matches(" {2}batch-size = 8 +# command line"))
                .anyMatch(line -> line.matches(" {2}seed = 42 +# .*reference\\.conf:\\d+"))
                .anyMatch(line -> line.matches(" {2}run-dir = \"runs/sst2\" +# merged from .*reference\\.conf:\\d+, "
                        + Pattern.quote(file + ":1")));
    }

    @Test
    void unknownKeyIsReportedWithFileLineAndTheKeyMeant() throws IOException {
        Path file = write("sst2-lora.conf", """
                pipeline.name = sst2
                training {
                  epochs = 3
                  lerning-rate = 1e-4
                }
                """);

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> loader.load(file, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(file.toString());
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.path()).isEqualTo("training.lerning-rate");
            assertThat(p.didYouMean()).isEqualTo("training.learning-rate");
            assertThat(p.message()).isEqualTo(
                    file + ":4: training.lerning-rate: unknown key; did you mean 'training.learning-rate'?");
        });
    }

    @Test
    void wrongTypeIsReportedWithFileLineKeyAndExpectedType() throws IOException {
        Path file = write("sst2-lora.conf", """
                pipeline.name = sst2

                training.epochs = three
                """);

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> loader.load(file, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.expected()).isEqualTo("a whole number");
            assertThat(p.found()).isEqualTo("string \"three\"");
            assertThat(p.message())
                    .isEqualTo(file + ":3: training.epochs: expected a whole number, found string \"three\"");
        });
    }

    @Test
    void everyProblemIsReportedAtOnceInFileOrder() throws IOException {
        Path file = write("broken.conf", """
                training.lerning-rate = 1e-4
                training.batch-size = lots
                model.task = clasification
                trainig.epochs = 2
                method.lora.rnak = 4
                evaluation.metrics = [accuracy, f2]
                """);

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> loader.load(file, Map.of()));

        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactly("training.lerning-rate",
                "training.batch-size", "model.task", "trainig", "method.lora.rnak", "evaluation.metrics[1]");
        assertThat(e.problems()).extracting(ConfigProblem::didYouMean).containsExactly("training.learning-rate",
                null, "classification", "training", "method.lora.rank", "f1");
        assertThat(e.getMessage()).startsWith("6 problems in the pipeline:")
                .contains("model.task: expected one of classification, regression, causal-lm, "
                        + "found string \"clasification\"");
    }

    @Test
    void overridesWinOverTheFileWhichWinsOverTheReference() throws IOException {
        Path file = write("p.conf", """
                training.epochs = 5
                training.batch-size = 8
                """);

        Config config = loader.load(file, Map.of("training.epochs", "7", "pipeline.name", "from-cli")).config();

        assertThat(config.getInt("training.epochs")).isEqualTo(7);
        assertThat(config.getInt("training.batch-size")).isEqualTo(8);
        assertThat(config.getDouble("training.learning-rate")).isEqualTo(2e-4);
        assertThat(config.getValue("training.epochs").unwrapped()).isEqualTo(7);
        assertThat(config.getString("pipeline.run-dir")).isEqualTo("runs/from-cli");
    }

    @Test
    void overridesAreReadAsTheirKeysTypes() {
        Config config = loader.defaults(Map.of(
                "evaluation.metrics", "[accuracy, pearson]",
                "training.resume", "true",
                "model.path", "C:\\models\\bert: base",
                "pipeline.name", "42")).config();

        assertThat(config.getStringList("evaluation.metrics")).containsExactly("accuracy", "pearson");
        assertThat(config.getBoolean("training.resume")).isTrue();
        assertThat(config.getString("model.path")).isEqualTo("C:\\models\\bert: base");
        assertThat(config.getValue("pipeline.name").unwrapped()).isEqualTo("42");
    }

    @Test
    void badOverridesAreReportedAsComingFromTheCommandLine() {
        assertThatThrownBy(() -> loader.defaults(Map.of("training.epochz", "4", "training.epochs", "four")))
                .isInstanceOfSatisfying(PipelineConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::message)
                        .containsExactly(
                                "command line: training.epochs: expected a whole number, found string \"four\"",
                                "command line: training.epochz: unknown key; did you mean 'training.epochs'?"));
    }

    @Test
    void anOverrideKeyThatIsNoPathIsReported() {
        assertThatThrownBy(() -> loader.defaults(Map.of("training..epochs", "4")))
                .isInstanceOfSatisfying(PipelineConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::message)
                        .containsExactly("command line: training..epochs: expected a key path such as training.epochs, "
                                + "found an invalid path"));
    }

    @Test
    void freeFormMapAcceptsAnyKeys() throws IOException {
        Path file = write("p.conf", """
                method.lora.rank-pattern {
                  "q_proj" = 16
                  "model.layers.0.self_attn.v_proj" = 4
                }
                """);

        Config config = loader.load(file, Map.of()).config();

        assertThat(config.getConfig("method.lora.rank-pattern").root().unwrapped())
                .containsEntry("q_proj", 16).containsEntry("model.layers.0.self_attn.v_proj", 4);
    }

    @Test
    void blockOfAMethodNoPluginProvidesListsTheAvailableMethods() throws IOException {
        Path file = write("p.conf", """
                method.type = lorra
                method.ia3 { scaling = 2 }
                """);

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> loader.load(file, Map.of()));

        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
                file + ":1: method.type: expected a loaded tuning method (adapter, lora, prompt-tuning), "
                        + "found string \"lorra\"; did you mean 'lora'?",
                file + ":2: method.ia3: no loaded plugin provides the tuning method 'ia3'; "
                        + "available: adapter, lora, prompt-tuning");
    }

    @Test
    void blocksOfOtherLoadedMethodsAreCheckedAgainstTheirOwnReference() throws IOException {
        Path file = write("p.conf", """
                method.type = lora
                method.adapter.sise = 32
                method.prompt-tuning { virtual-tokens = 20 }
                """);

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> loader.load(file, Map.of()));

        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
                file + ":2: method.adapter.sise: unknown key; did you mean 'method.adapter.size'?",
                file + ":3: method.prompt-tuning: the tuning method 'prompt-tuning' takes no settings "
                        + "(its reference.conf defines no method.prompt-tuning)");
    }

    @Test
    void valuesOutsideADeclaredSetAreRefused() throws IOException {
        Path file = write("p.conf", "method.lora.bias = some\ntraining.schedule.type = cosin\n");

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> loader.load(file, Map.of()));

        assertThat(e.problems()).extracting(ConfigProblem::expected).containsExactly("one of none, all, lora-only",
                "a loaded learning-rate schedule (constant, cosine, linear, step)");
        assertThat(e.problems().get(1).didYouMean()).isEqualTo("cosine");
    }

    @Test
    void wholeNumbersAreRequiredWhereTheSchemaSaysInteger() throws IOException {
        Path file = write("p.conf", "training.epochs = 2.5\nmethod.lora.dropout = 1\ntraining.warmup-ratio = 0.1\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOfSatisfying(PipelineConfigException.class, e -> assertThat(e.problems())
                        .singleElement()
                        .satisfies(p -> assertThat(p.message())
                                .endsWith("training.epochs: expected a whole number, found number 2.5")));
    }

    @Test
    void stringsThatTypesafeConfigReadsAsTheKeysTypeAreAccepted() throws IOException {
        Path file = write("p.conf", """
                training.epochs = "4"
                training.resume = yes
                data.max-length = ${training.epochs}
                """);

        Config config = loader.load(file, Map.of()).config();

        assertThat(config.getInt("training.epochs")).isEqualTo(4);
        assertThat(config.getBoolean("training.resume")).isTrue();
        assertThat(config.getInt("data.max-length")).isEqualTo(4);
    }

    @Test
    void nullIsOnlyAcceptedWhereTheDefaultIsNull() throws IOException {
        Path file = write("p.conf", "model.path = null\ntraining.epochs = null\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOfSatisfying(PipelineConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path, ConfigProblem::expected, ConfigProblem::found)
                        .containsExactly(tuple("training.epochs", "a whole number", "null")));
    }

    @Test
    void keyInTheWrongBlockSuggestsWhereItBelongs() throws IOException {
        Path file = write("p.conf", "training.seed = 7\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOfSatisfying(PipelineConfigException.class, e -> assertThat(e.problems())
                        .singleElement().extracting(ConfigProblem::didYouMean).isIn("pipeline.seed", "data.seed"));
    }

    @Test
    void unknownKeyWithNothingCloseListsTheKeysOfItsBlock() throws IOException {
        Path file = write("p.conf", "pipeline.colour = blue\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOfSatisfying(PipelineConfigException.class, e -> assertThat(e.problems())
                        .singleElement().extracting(ConfigProblem::found)
                        .isEqualTo("unknown key (pipeline holds: name, run-dir, run-dir-timestamp, seed)"));
    }

    @Test
    void listElementsMustHaveTheTypeOfTheDefaultsElements() throws IOException {
        Path file = write("p.conf", "method.lora.target-modules = [query, { name = value }]\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOfSatisfying(PipelineConfigException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.path()).isEqualTo("method.lora.target-modules[1]");
                            assertThat(p.expected()).isEqualTo("a string");
                        }));
    }

    @Test
    void unresolvableSubstitutionsAreEachReportedAtTheirLine() throws IOException {
        Path file = write("p.conf", """
                pipeline.name = ${run.name}
                training.epochs = ${PEFT4J_TEST_SURELY_UNSET_VARIABLE}
                training.batch-size = ${?PEFT4J_TEST_SURELY_UNSET_VARIABLE}
                """);

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> loader.load(file, Map.of()));

        assertThat(e.problems()).extracting(ConfigProblem::source).containsOnly(file.toString());
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(1, 2);
        assertThat(e.problems()).extracting(ConfigProblem::found).allSatisfy(found -> assertThat(found)
                .matches("cannot resolve \\$\\{(run.name|PEFT4J_TEST_SURELY_UNSET_VARIABLE)}: no key of that path.*"));
    }

    @Test
    void syntaxErrorIsReportedWithFileAndLine() throws IOException {
        Path file = write("p.conf", "training {\n  epochs = 3\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOfSatisfying(PipelineConfigException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> {
                            assertThat(p.source()).isEqualTo(file.toString());
                            assertThat(p.line()).isEqualTo(3);
                            assertThat(p.found()).contains("end of file");
                        }));
    }

    @Test
    void missingFileSaysSo() {
        Path missing = dir.resolve("nope.conf");

        assertThatThrownBy(() -> loader.load(missing, Map.of()))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining(missing + ": no such pipeline file");
    }

    @Test
    void includedFilesAreResolvedRelativeToThePipelineAndLocatedInProblems() throws IOException {
        write("base.conf", "training.epochs = 2\ntraining.bach-size = 4\n");
        Path file = write("p.conf", "include \"base.conf\"\npipeline.name = inc\n");

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> loader.load(file, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).endsWith("base.conf");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.didYouMean()).isEqualTo("training.batch-size");
        });
    }

    @Test
    void durationsAndMemorySizesAreCheckedWhereTheSchemaDeclaresThem() {
        Config reference = TestReferences.parse("ref.conf", """
                serving { timeout = 30s, cache = 512M, token = null }
                peft4j-schema {
                  "serving.timeout" { type = duration }
                  "serving.cache" { type = memory-size }
                  "serving.token" { type = string }
                }
                """);
        PipelineConfigLoader own = new PipelineConfigLoader(List.of(reference), List.of());

        assertThat(own.load("serving { timeout = 2m, cache = 2G, token = abc }", "ok.conf", Map.of())
                .config().getDuration("serving.timeout")).hasMinutes(2);
        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> own.load("serving {\n timeout = soon\n cache = huge\n token = [1]\n}", "bad.conf", Map.of()));
        assertThat(e.problems()).extracting(ConfigProblem::message).containsExactly(
                "bad.conf:2: serving.timeout: expected a duration such as 30s or 5m, found string \"soon\"",
                "bad.conf:3: serving.cache: expected a memory size such as 512M or 2G, found string \"huge\"",
                "bad.conf:4: serving.token: expected a string, found list [1]");
    }

    @Test
    void mistakesInAPluginsSchemaAreReportedAtThePluginsReference() {
        Config broken = TestReferences.parse("broken.jar!/reference.conf", """
                method.broken { level = 1 }
                peft4j-schema {
                  "method.broken.levle" { type = integer }
                  "method.broken.level" { type = whole, allowed = [1] }
                }
                """);
        PipelineConfigLoader own = new PipelineConfigLoader(List.of(PipelineConfigLoader.hostReference(), broken),
                List.of());

        PipelineConfigException e = catchThrowableOfType(PipelineConfigException.class,
                () -> own.defaults(Map.of()));

        assertThat(e.problems()).allSatisfy(p -> assertThat(p.source()).isEqualTo("broken.jar!/reference.conf"));
        assertThat(e.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "peft4j-schema.\"method.broken.levle\"",
                "peft4j-schema.\"method.broken.level\".allowed",
                "peft4j-schema.\"method.broken.level\".type");
        assertThat(e.problems()).filteredOn(p -> p.path().endsWith("levle\"")).singleElement()
                .extracting(ConfigProblem::didYouMean).isEqualTo("method.broken.level");
    }

    @Test
    void hostReferenceIsTheCoreModulesOwnFile() {
        Config host = PipelineConfigLoader.hostReference();

        assertThat(host.getString("method.type")).isEqualTo("lora");
        assertThat(host.origin().description()).contains("reference.conf");
        assertThat(ConfigFactory.parseString("a = 1").withFallback(host).hasPath(ReferenceSchema.KEY)).isTrue();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
