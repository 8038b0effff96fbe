package dev.peft4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.config.PipelineConfigLoader;
import dev.peft4j.core.extension.ExtensionKind;
import dev.peft4j.core.extension.ExtensionOrigin;
import dev.peft4j.core.extension.ExtensionRegistry;
import dev.peft4j.core.extension.Extensions;
import dev.peft4j.core.model.surgery.ToyLowRankMethod;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.plugin.PluginSettings;
import dev.peft4j.core.pretrain.HeldOutLoss;
import dev.peft4j.core.report.TrainingHistory;
import dev.peft4j.core.safetensors.SafetensorsWeightStore;
import dev.peft4j.core.safetensors.SharedDir;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continued pretraining end to end on tiny random models with real tokenizers and a few hundred SST-2 sentences:
 * masked-LM on BERT with every weight trained, causal-LM on GPT-2 with a mergeable low-rank adapter, the written
 * checkpoints reloaded and fine-tuned, and the settings a model cannot follow refused.
 */
class PretrainRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PluginHost host;
    private static Path bert;
    private static Path gpt2;
    private static Path corpus;

    @TempDir
    static Path work;

    @BeforeAll
    static void prepare() throws Exception {
        host = PluginHost.start(new PluginSettings(Files.createDirectories(work.resolve("plugins"))))
                .requireNoProblems();
        bert = PretrainFixtures.tinyBert(work.resolve("bert"));
        gpt2 = PretrainFixtures.tinyGpt2(work.resolve("gpt2"));
        corpus = PretrainFixtures.sst2(work.resolve("data"), 400);
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    /** A masked-LM pipeline on the tiny BERT, every weight trained. */
    private static String maskedLm(String name, Path model, int steps) {
        return """
                pipeline { name = "%s", run-dir = "%s" }
                model.path = "%s"
                method.type = full
                pretrain {
                  text { files = ["%s"], format = label-first }
                  block-size = 32
                  validation-fraction = 0.1
                }
                training { max-steps = %d, batch-size = 8, learning-rate = 3e-3, warmup-steps = 4, eval-every-steps = 20 }
                evaluation.batch-size = 16
                """.formatted(name, work.resolve("runs").resolve(name), model, corpus, steps);
    }

    /** A causal-LM pipeline with the test-only low-rank method; dropout off, so that scores are exact. */
    private static String causalLm(String name, Path model, int steps) {
        return """
                pipeline { name = "%s", run-dir = "%s" }
                model { path = "%s", dropout = false }
                method { type = toy, toy.r = 4 }
                pretrain {
                  text { files = ["%s"], format = label-first }
                  block-size = 48
                  validation-fraction = 0.1
                }
                training { max-steps = %d, batch-size = 8, learning-rate = 2e-2, eval-every-steps = 0 }
                """.formatted(name, work.resolve("runs").resolve(name), model, corpus, steps);
    }

    private static PretrainResult pretrain(String name, String pipeline, ByteArrayOutputStream printed)
            throws Exception {
        Path file = Files.writeString(work.resolve(name + ".conf"), pipeline);
        PipelineConfig config = PipelineLoading.loader(host).load(file, Map.of());
        return run(PretrainRunSettings.from(config, work), host.extensions(), printed);
    }

    private static PretrainResult run(PretrainRunSettings settings, Extensions extensions,
                                      ByteArrayOutputStream printed) {
        return new PretrainRun(settings, extensions, work.resolve("models"),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).execute(false);
    }

    @Test
    void maskedLmPretrainingLowersTheHeldOutLossAndItsCheckpointReloadsAndFineTunes() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        PretrainResult result = pretrain("mlm", maskedLm("mlm", bert, 40), printed);

        String console = printed.toString(StandardCharsets.UTF_8);
        assertThat(console).contains("Objective: masked-lm, method: full", "The checkpoint has no masked-LM head",
                "held-out before training: loss", "held-out after training: loss", "Model: ");
        double before = result.before().get(HeldOutLoss.LOSS);
        double after = result.after().get(HeldOutLoss.LOSS);
        assertThat(before).as("a new head predicts about uniformly").isCloseTo(Math.log(30522), within(0.3));
        assertThat(after).isLessThan(before - 1.0);
        assertThat(result.after().get(HeldOutLoss.PERPLEXITY)).isCloseTo(Math.exp(after), within(1e-6));
        assertThat(result.training().steps()).isEqualTo(40);
        assertThat(result.trainableParameters()).isEqualTo(result.totalParameters());
        assertThat(result.corpus().documents()).isEqualTo(400);
        assertThat(result.corpus().validationDocuments()).isEqualTo(40);

        Path dir = result.runDir();
        for (String file : List.of("pipeline.conf", "corpus-report.json", "log.jsonl", "metrics.json",
                "manifest.json", "report.html", "model/config.json", "model/model.safetensors",
                "model/tokenizer.json", "model/tokenizer_config.json")) {
            assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(result.adapter()).isNull();
        JsonNode metrics = JSON.readTree(dir.resolve("metrics.json").toFile());
        assertThat(metrics.path("objective").asText()).isEqualTo("masked-lm");
        assertThat(metrics.path("held_out").path("before").path("loss").asDouble()).isEqualTo(before);
        assertThat(metrics.path("held_out").path("after").path("perplexity").asDouble())
                .isEqualTo(result.after().get(HeldOutLoss.PERPLEXITY));
        List<TrainingHistory.Evaluation> evaluations = TrainingHistory.fromLog(dir.resolve("log.jsonl")).evaluations();
        assertThat(evaluations).extracting(TrainingHistory.Evaluation::step).containsExactly(0L, 20L, 37L, 40L);
        assertThat(evaluations.get(0).metrics()).containsEntry(HeldOutLoss.LOSS, before);
        assertThat(JSON.readTree(dir.resolve("corpus-report.json").toFile()).path("trainBlocks").asInt())
                .isEqualTo(result.corpus().trainBlocks());
        assertThat(JSON.readTree(dir.resolve("model/config.json").toFile()).path("architectures").get(0).asText())
                .isEqualTo("BertForMaskedLM");
        try (SafetensorsWeightStore saved = SafetensorsWeightStore.open(dir.resolve("model"))) {
            assertThat(saved.names()).contains("bert.embeddings.word_embeddings.weight",
                    "bert.encoder.layer.1.output.dense.weight", "cls.predictions.transform.dense.weight",
                    "cls.predictions.transform.LayerNorm.weight", "cls.predictions.bias")
                    .noneMatch(n -> n.contains("decoder") || n.contains("pooler"));
        }

        // Resuming the finished run restores its weights and changes nothing, its log included
        PretrainRunSettings settings = PretrainRunSettings.from(PipelineLoading.loader(host)
                .load(work.resolve("mlm.conf"), Map.of()), work);
        PretrainResult resumed = new PretrainRun(settings, host.extensions(), work.resolve("models"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).execute(true);
        assertThat(resumed.runDir()).isEqualTo(dir);
        assertThat(resumed.after()).isEqualTo(result.after());
        assertThat(TrainingHistory.fromLog(dir.resolve("log.jsonl")).evaluations()).hasSameSizeAs(evaluations);

        // The checkpoint, head included, reloads as it was trained: the same held-out blocks score the same
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        PretrainResult reloaded = pretrain("mlm-again", maskedLm("mlm-again", result.model(), 1), again);
        assertThat(reloaded.before().get(HeldOutLoss.LOSS)).isCloseTo(after, within(1e-6));
        assertThat(again.toString(StandardCharsets.UTF_8)).doesNotContain("no masked-LM head");

        // and `peft4j run` fine-tunes it as its base model
        RunResult fineTuned = fineTune(result.model());
        assertThat(fineTuned.training().steps()).isEqualTo(2);
        assertThat(fineTuned.test()).containsKey("accuracy");
        try (SafetensorsWeightStore classifier = SafetensorsWeightStore.open(fineTuned.artifact())) {
            assertThat(classifier.names()).contains("bert.pooler.dense.weight", "classifier.weight")
                    .noneMatch(n -> n.startsWith("cls."));
        }
    }

    private static RunResult fineTune(Path model) throws Exception {
        Path data = SharedDir.resolve("data/sst2-sentences");
        Path dir = Files.createDirectories(work.resolve("fine-tune"));
        Files.write(dir.resolve("train.txt"), Files.readAllLines(data.resolve("stsa.binary.train")).subList(0, 40));
        Files.write(dir.resolve("dev.txt"), Files.readAllLines(data.resolve("stsa.binary.dev")).subList(0, 16));
        Files.write(dir.resolve("test.txt"), Files.readAllLines(data.resolve("stsa.binary.test")).subList(0, 16));
        Path file = Files.writeString(dir.resolve("classify.conf"), """
                pipeline { name = "classify", run-dir = "%s" }
                model.path = "%s"
                method.type = full
                data {
                  train = "train.txt", validation = "dev.txt", test = "test.txt"
                  format = label-first, header = false, label-type = integer, max-length = 32
                }
                training { max-steps = 2, batch-size = 8, best-metric = accuracy, greater-is-better = true }
                evaluation.metrics = [accuracy]
                """.formatted(dir.resolve("runs/classify"), model));
        RunSettings settings = RunSettings.from(PipelineLoading.loader(host).load(file, Map.of()), dir);
        return new PipelineRun(settings, host.extensions(), work.resolve("models"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).execute(false);
    }

    @Test
    void causalLmPretrainingWithAMergeableAdapterWritesTheAdapterAndTheMergedModel() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        PretrainResult result = run(settingsWithoutLoader(causalLm("clm", gpt2, 30)), withToyMethod(), printed);

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Objective: causal-lm, method: toy",
                "Adapter: ", "Model: ");
        assertThat(result.before().get(HeldOutLoss.LOSS)).isCloseTo(Math.log(50257), within(0.3));
        assertThat(result.after().get(HeldOutLoss.LOSS)).isLessThan(result.before().get(HeldOutLoss.LOSS));
        assertThat(result.trainableParameters()).isLessThan(result.totalParameters() / 100);
        JsonNode adapterConfig = JSON.readTree(result.adapter().resolve("adapter_config.json").toFile());
        assertThat(adapterConfig.path("peft_type").asText()).isEqualTo("TOY");
        assertThat(adapterConfig.path("task_type").asText()).isEqualTo("CAUSAL_LM");
        assertThat(JSON.readTree(result.model().resolve("config.json").toFile()).path("architectures").get(0)
                .asText()).isEqualTo("GPT2LMHeadModel");
        try (SafetensorsWeightStore saved = SafetensorsWeightStore.open(result.model())) {
            assertThat(saved.names()).contains("transformer.wte.weight", "transformer.h.0.attn.c_attn.weight")
                    .noneMatch(n -> n.contains("toy") || n.startsWith("lm_head"));
        }

        // The merged model alone scores the held-out text as the base model with the trained adapter did
        PretrainResult merged = run(settingsWithoutLoader(causalLm("clm-merged", result.model(), 1)), withToyMethod(),
                new ByteArrayOutputStream());
        assertThat(merged.before().get(HeldOutLoss.LOSS)).isCloseTo(result.after().get(HeldOutLoss.LOSS),
                within(1e-4));
    }

    @Test
    void anObjectiveTheModelHasNoHeadForIsRefusedAtItsKey() throws Exception {
        String pipeline = maskedLm("wrong-objective", gpt2, 1).replace("block-size = 32",
                "block-size = 32\n  objective = masked-lm");

        assertThatThrownBy(() -> pretrain("wrong-objective", pipeline, new ByteArrayOutputStream()))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining("wrong-objective.conf:7: pretrain.objective",
                        "gpt2 is a decoder, and masked-LM pretraining needs an encoder");
    }

    @Test
    void blocksLongerThanTheModelsPositionsAreRefusedAtTheirKey() {
        String pipeline = maskedLm("too-long", bert, 1).replace("block-size = 32", "block-size = 65");

        assertThatThrownBy(() -> pretrain("too-long", pipeline, new ByteArrayOutputStream()))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining("too-long.conf:6: pretrain.block-size", "at most 64");
    }

    /** The host's reference under the pipeline, without the strict loader, which knows only loaded methods. */
    private static PretrainRunSettings settingsWithoutLoader(String pipeline) {
        Config root = ConfigFactory.parseString(pipeline)
                .withFallback(PipelineConfigLoader.hostReference().withoutPath("peft4j-schema")).resolve();
        return PretrainRunSettings.from(new PipelineConfig(root, "test pipeline"), work);
    }

    /** The host's extensions plus the test-only low-rank method as {@code toy} (mergeable, like LoRA). */
    private static Extensions withToyMethod() {
        Extensions base = host.extensions();
        List<ExtensionRegistry.Entry<TuningMethodFactory>> methods = new ArrayList<>(base.tuningMethods().entries());
        methods.add(new ExtensionRegistry.Entry<>("toy", new ToyFactory(), ExtensionOrigin.builtIn()));
        return new Extensions(Map.of(
                ExtensionKind.TUNING_METHOD, new ExtensionRegistry<>(ExtensionKind.TUNING_METHOD, methods),
                ExtensionKind.AUGMENTER, base.augmenters(),
                ExtensionKind.LR_SCHEDULE, base.schedules(),
                ExtensionKind.METRIC, base.metrics()));
    }

    private static final class ToyFactory implements TuningMethodFactory {
        @Override
        public String name() {
            return "toy";
        }

        @Override
        public String peftType() {
            return "TOY";
        }

        @Override
        public TuningMethod create(Config settings, PluginContext context) {
            return new ToyLowRankMethod(settings.getInt("r"), context.random().nextLong());
        }

        @Override
        public TuningMethod fromAdapterConfig(Map<String, Object> adapterConfig, PluginContext context) {
            return new ToyLowRankMethod((Integer) adapterConfig.get("r"), context.random().nextLong());
        }
    }
}
