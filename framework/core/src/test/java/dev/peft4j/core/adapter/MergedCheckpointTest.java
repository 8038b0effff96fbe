package dev.peft4j.core.adapter;

import static dev.peft4j.core.adapter.AdapterFixtures.BATCH;
import static dev.peft4j.core.adapter.AdapterFixtures.GPT2;
import static dev.peft4j.core.adapter.AdapterFixtures.WEIGHTS;
import static dev.peft4j.core.adapter.AdapterFixtures.gpt2;
import static dev.peft4j.core.adapter.AdapterFixtures.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.Tensors;
import dev.peft4j.core.model.TinyModels;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.core.model.surgery.ToyLowRankMethod;
import dev.peft4j.core.safetensors.SafetensorsFile;
import dev.peft4j.core.safetensors.SafetensorsWeightStore;
import dev.peft4j.core.safetensors.SafetensorsWriter;
import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergedCheckpointTest {

    private static final String CONFIG = """
            {"model_type": "gpt2", "vocab_size": 23, "n_embd": 8, "n_layer": 2, "n_head": 2, "n_inner": null,
             "n_positions": 16, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5}
            """;

    @TempDir
    Path work;
    private Path base;

    @BeforeEach
    void writeTheBaseCheckpoint() throws IOException {
        base = work.resolve("base");
        Files.createDirectories(base);
        Files.writeString(base.resolve("config.json"), CONFIG);
        Files.writeString(base.resolve("tokenizer_config.json"), "{}");
    }

    @Test
    void aMergedClassifierSavedAsACheckpointLoadsBackAsABaseModelWithTheSameOutputs() throws IOException {
        Path adapterDir = work.resolve("adapter");
        try (ModelGraph model = gpt2(Head.classification(3)).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            AdapterFixtures.train(model, "default", 11);
            AdapterWriter.save(model, "default", adapterDir);
        }
        SavedAdapter saved = reader(work).read(adapterDir);
        Path merged = work.resolve("merged");
        FloatTensor unmerged;
        try (ModelGraph model = SavedAdapter.build(gpt2(Head.classification(3)), Map.of("default", saved))) {
            unmerged = model.evaluate(BATCH, model.logits());
            model.merge("default");
            assertThat(Tensors.maxAbsDifference(model.evaluate(BATCH, model.logits()), unmerged)).isLessThan(1e-5);
            MergedCheckpoint.write(model, base, merged);
        }

        JsonNode config = new ObjectMapper().readTree(merged.resolve("config.json").toFile());
        assertThat(config.get("architectures").get(0).asText()).isEqualTo("GPT2ForSequenceClassification");
        assertThat(config.get("id2label").size()).isEqualTo(3);
        assertThat(config.get("n_embd").asInt()).isEqualTo(8);
        assertThat(merged.resolve("tokenizer_config.json")).exists();
        try (SafetensorsFile file = SafetensorsFile.open(merged.resolve("model.safetensors"))) {
            assertThat(file.names()).contains("transformer.h.0.attn.c_attn.weight", "score.weight")
                    .noneMatch(n -> n.contains("toy_"))
                    .hasSize(WEIGHTS.size() + 1);
            assertThat(file.readFloat("transformer.h.0.attn.c_attn.weight"))
                    .isNotEqualTo(WEIGHTS.get("transformer.h.0.attn.c_attn.weight"));
            assertThat(file.readFloat("transformer.h.0.mlp.c_fc.weight"))
                    .isEqualTo(WEIGHTS.get("transformer.h.0.mlp.c_fc.weight"));
        }
        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(merged);
                ModelGraph reloaded = ModelBuilder.create(ModelConfigReader.read(merged.resolve("config.json")), store,
                        TinyModels.options(Head.classification(3))).build()) {
            assertThat(Tensors.maxAbsDifference(reloaded.evaluate(BATCH, reloaded.logits()), unmerged))
                    .isLessThan(1e-5);
        }
    }

    @Test
    void aCausalLmCheckpointNamesTheLmHeadModelAndHasNoHead() throws IOException {
        Path merged = work.resolve("merged");
        try (ModelGraph model = gpt2(Head.causalLm()).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            model.merge("default");
            MergedCheckpoint.write(model, base, merged);
        }
        JsonNode config = new ObjectMapper().readTree(merged.resolve("config.json").toFile());
        assertThat(config.get("architectures").get(0).asText()).isEqualTo("GPT2LMHeadModel");
        assertThat(config.has("id2label")).isFalse();
        try (SafetensorsFile file = SafetensorsFile.open(merged.resolve("model.safetensors"))) {
            assertThat(file.names()).containsExactlyInAnyOrderElementsOf(WEIGHTS.keySet());
        }
    }

    @Test
    void anActiveUnmergedAdapterIsRefusedBecauseTheCheckpointWouldLackIt() {
        try (ModelGraph model = gpt2(Head.causalLm()).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            assertThatThrownBy(() -> MergedCheckpoint.write(model, base, work.resolve("merged")))
                    .isInstanceOf(AdapterException.class)
                    .hasMessageContaining("adapters [default] are active but not merged");
        }
        assertThat(work.resolve("merged")).doesNotExist();
    }

    @Test
    void aLoadedAdapterHoldingNanIsNotMergedAndTheBaseStaysIntact() {
        Path adapterDir = work.resolve("adapter");
        try (ModelGraph model = gpt2(Head.causalLm()).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            AdapterWriter.save(model, "default", adapterDir);
        }
        SafetensorsWriter poisoned = new SafetensorsWriter();
        try (SafetensorsFile file = SafetensorsFile.open(adapterDir.resolve("adapter_model.safetensors"))) {
            for (String name : file.names()) {
                FloatTensor t = file.readFloat(name);
                if (name.equals("transformer.h.1.attn.c_attn.toy_B.weight")) {
                    t.data()[5] = Float.POSITIVE_INFINITY;
                }
                poisoned.add(name, t);
            }
        }
        poisoned.write(adapterDir.resolve("adapter_model.safetensors"));

        SavedAdapter saved = reader(work).read(adapterDir);
        try (ModelGraph model = SavedAdapter.build(gpt2(Head.causalLm()), Map.of("default", saved))) {
            assertThatThrownBy(() -> model.merge("default"))
                    .hasMessageContaining("'transformer.h.1.attn.c_attn.weight'")
                    .hasMessageContaining("Infinity");
            assertThat(model.activeAdapters()).containsExactly("default");
            assertThatThrownBy(() -> MergedCheckpoint.write(model, base, work.resolve("merged")))
                    .hasMessageContaining("active but not merged");
        }
    }

    @Test
    void taskModelsAreNamedAsTransformersNamesThem() {
        assertThat(MergedCheckpoint.taskModel("llama", Head.Type.CAUSAL_LM)).isEqualTo("LlamaForCausalLM");
        assertThat(MergedCheckpoint.taskModel("bert", Head.Type.REGRESSION)).isEqualTo("BertForSequenceClassification");
        assertThat(MergedCheckpoint.taskModel("qwen2", Head.Type.SEQUENCE_CLASSIFICATION))
                .isEqualTo("Qwen2ForSequenceClassification");
        assertThat(GPT2.modelType()).isEqualTo("gpt2");
    }
}
