package dev.peft4j.plugins.lora.peft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.adapter.AdapterException;
import dev.peft4j.core.adapter.AdapterReader;
import dev.peft4j.core.adapter.AdapterWriter;
import dev.peft4j.core.adapter.MergedCheckpoint;
import dev.peft4j.core.adapter.SavedAdapter;
import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.Precision;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.core.safetensors.DType;
import dev.peft4j.core.safetensors.SafetensorsFile;
import dev.peft4j.core.safetensors.SafetensorsWeightStore;
import dev.peft4j.plugins.lora.LoraMethod;
import dev.peft4j.plugins.lora.LoraMethodFactory;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.testkit.model.FixedTask;
import dev.peft4j.testkit.model.TinyArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LoRA adapters as a Python PEFT user has them (files written here from raw names, shapes and dtypes) load onto the
 * base model and compute what the base model with the update folded in by hand computes: the names, the [r, in] /
 * [out, r] layouts, GPT-2's [in, out] Conv1D weights and the alpha / r scaling all have to be right for that.
 */
class PeftLayoutCompatibilityTest {

    private static final long SEED = 3;
    private static final int GPT2_HIDDEN = 32;

    @TempDir
    Path work;

    private AdapterReader reader() {
        return new AdapterReader(List.of(new LoraMethodFactory()), f -> new HostPluginContext(f.name(), 1, work));
    }

    private static ModelOptions options(Head head) {
        return new ModelOptions(head, Precision.FP32, false, 7, 1 << 20);
    }

    private static ModelBuilder builder(TinyArchitecture arch, Map<String, FloatTensor> weights, Head head) {
        return ModelBuilder.create(arch.config(), new dev.peft4j.core.model.MapWeightStore(weights, "reference"),
                options(head));
    }

    /** GPT-2 c_attn adapters of rank r: A [r, 32], B [96, r], named as PEFT saves them. */
    private static Map<String, FloatTensor> gpt2Tensors(int r, long seed) {
        Random random = new Random(seed);
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (int layer = 0; layer < 2; layer++) {
            String module = "base_model.model.transformer.h." + layer + ".attn.c_attn";
            tensors.put(module + ".lora_A.weight", PeftFiles.normal(random, 0.3, r, GPT2_HIDDEN));
            tensors.put(module + ".lora_B.weight", PeftFiles.normal(random, 0.3, 3 * GPT2_HIDDEN, r));
        }
        return tensors;
    }

    private static Map<String, FloatTensor> mergedGpt2(Map<String, FloatTensor> base, Map<String, FloatTensor> stored,
            double scaling) {
        Map<String, FloatTensor> merged = new LinkedHashMap<>(base);
        for (int layer = 0; layer < 2; layer++) {
            String module = "transformer.h." + layer + ".attn.c_attn";
            merged.put(module + ".weight", PeftFiles.merged(base.get(module + ".weight"),
                    stored.get("base_model.model." + module + ".lora_A.weight"),
                    stored.get("base_model.model." + module + ".lora_B.weight"), scaling, true));
        }
        return merged;
    }

    private static double maxAbsDifference(FloatTensor a, FloatTensor b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        double max = 0;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs((double) a.data()[i] - b.data()[i]));
        }
        return max;
    }

    @Test
    void aGpt2CausalLmAdapterFromPeftComputesTheBaseWithTheUpdateFoldedIn() {
        Map<String, FloatTensor> base = TinyArchitecture.GPT2.weights(SEED);
        Path dir = work.resolve("gpt2-lora");
        Map<String, FloatTensor> stored = PeftFiles.write(dir,
                PeftFiles.loraConfig("CAUSAL_LM", 4, 16, "[\"c_attn\"]", true, "null"), gpt2Tensors(4, 1), DType.F32);
        Batch batch = FixedTask.batch(Head.causalLm(), 64, 1);

        SavedAdapter saved = reader().read(dir);
        assertThat(((LoraMethod) saved.method()).settings().alpha()).isEqualTo(16);
        try (ModelGraph adapted = SavedAdapter.build(builder(TinyArchitecture.GPT2, base, Head.causalLm()),
                Map.of("default", saved));
                ModelGraph reference = builder(TinyArchitecture.GPT2, mergedGpt2(base, stored, 16.0 / 4),
                        Head.causalLm()).build();
                ModelGraph plain = builder(TinyArchitecture.GPT2, base, Head.causalLm()).build()) {
            FloatTensor expected = reference.evaluate(batch, reference.logits());
            assertThat(maxAbsDifference(adapted.evaluate(batch, adapted.logits()), expected)).isLessThan(1e-4);
            assertThat(maxAbsDifference(plain.evaluate(batch, plain.logits()), expected)).isGreaterThan(1e-1);
        }
    }

    @Test
    void aBf16LlamaClassifierAdapterWithItsScoreHeadLoadsAsPeftSavedIt() {
        TinyArchitecture llama = TinyArchitecture.LLAMA;
        Map<String, FloatTensor> base = llama.weights(SEED);
        Random random = new Random(2);
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        for (int layer = 0; layer < 2; layer++) {
            String p = "base_model.model.model.layers." + layer + ".self_attn.";
            tensors.put(p + "q_proj.lora_A.weight", PeftFiles.normal(random, 0.3, 2, 32));
            tensors.put(p + "q_proj.lora_B.weight", PeftFiles.normal(random, 0.3, 32, 2));
            tensors.put(p + "v_proj.lora_A.weight", PeftFiles.normal(random, 0.3, 2, 32));
            tensors.put(p + "v_proj.lora_B.weight", PeftFiles.normal(random, 0.3, 16, 2)); // 2 kv heads × 8
        }
        tensors.put("base_model.model.score.weight", PeftFiles.normal(random, 0.5, 3, 32));
        Path dir = work.resolve("llama-lora");
        Map<String, FloatTensor> stored = PeftFiles.write(dir, PeftFiles.loraConfig("SEQ_CLS", 2, 4,
                "[\"q_proj\", \"v_proj\"]", false, "[\"classifier\", \"score\"]"), tensors, DType.BF16);
        assertThat(stored.get("base_model.model.score.weight")).as("rounded to BF16")
                .isNotEqualTo(tensors.get("base_model.model.score.weight"));

        Map<String, FloatTensor> merged = new LinkedHashMap<>(base);
        for (int layer = 0; layer < 2; layer++) {
            for (String proj : List.of("q_proj", "v_proj")) {
                String module = "model.layers." + layer + ".self_attn." + proj;
                merged.put(module + ".weight", PeftFiles.merged(base.get(module + ".weight"),
                        stored.get("base_model.model." + module + ".lora_A.weight"),
                        stored.get("base_model.model." + module + ".lora_B.weight"), 4.0 / 2, false));
            }
        }
        merged.put("score.weight", stored.get("base_model.model.score.weight"));
        Batch batch = FixedTask.batch(Head.classification(3), 64, 1);

        try (ModelGraph adapted = SavedAdapter.build(builder(llama, base, Head.classification(3)),
                Map.of("default", reader().read(dir)));
                ModelGraph reference = builder(llama, merged, Head.classification(3)).build()) {
            assertThat(maxAbsDifference(adapted.evaluate(batch, adapted.logits()),
                    reference.evaluate(batch, reference.logits()))).isLessThan(1e-4);
            assertThat(adapted.read("score.weight")).isEqualTo(stored.get("base_model.model.score.weight"));
        }
    }

    @Test
    void aFileWhoseRankDisagreesWithItsConfigIsRefusedNamingTheTensor() {
        Path dir = work.resolve("wrong-rank");
        PeftFiles.write(dir, PeftFiles.loraConfig("CAUSAL_LM", 4, 16, "[\"c_attn\"]", true, "null"),
                gpt2Tensors(8, 1), DType.F32);

        SavedAdapter saved = reader().read(dir);
        assertThatThrownBy(() -> SavedAdapter.build(builder(TinyArchitecture.GPT2,
                TinyArchitecture.GPT2.weights(SEED), Head.causalLm()), Map.of("default", saved)))
                .isInstanceOf(AdapterException.class)
                .hasMessageContaining(dir.resolve("adapter_model.safetensors").toString())
                .hasMessageContaining("'base_model.model.transformer.h.0.attn.c_attn.lora_A.weight' has shape [8, 32] "
                        + "but the method built it as [4, 32]");
    }

    @Test
    void peftsAndPeft4jsFilesNameTheSameTensors() throws IOException {
        Path peft = work.resolve("peft");
        PeftFiles.write(peft, PeftFiles.loraConfig("CAUSAL_LM", 4, 16, "[\"c_attn\"]", true, "null"),
                gpt2Tensors(4, 1), DType.F32);
        Path ours = work.resolve("ours");
        try (ModelGraph model = SavedAdapter.build(builder(TinyArchitecture.GPT2, TinyArchitecture.GPT2.weights(SEED),
                Head.causalLm()), Map.of("default", reader().read(peft)))) {
            AdapterWriter.save(model, "default", ours);
        }
        try (SafetensorsFile theirs = SafetensorsFile.open(peft.resolve("adapter_model.safetensors"));
                SafetensorsFile mine = SafetensorsFile.open(ours.resolve("adapter_model.safetensors"))) {
            assertThat(mine.names()).containsExactlyInAnyOrderElementsOf(theirs.names());
            for (String name : theirs.names()) {
                assertThat(mine.readFloat(name)).as(name).isEqualTo(theirs.readFloat(name));
            }
            assertThat(mine.metadata()).isEqualTo(theirs.metadata());
        }
        String config = Files.readString(ours.resolve("adapter_config.json"));
        assertThat(config).contains("\"peft_type\" : \"LORA\"", "\"r\" : 4", "\"lora_alpha\" : 16",
                "\"target_modules\" : [ \"c_attn\" ]", "\"fan_in_fan_out\" : true", "\"task_type\" : \"CAUSAL_LM\"",
                "\"inference_mode\" : true", "\"peft4j_version\"");
    }

    @Test
    void twoPeftAdaptersLoadByNameSwitchMergeAndSaveAsAFullCheckpoint() throws IOException {
        Map<String, FloatTensor> base = TinyArchitecture.GPT2.weights(SEED);
        Path a = work.resolve("a");
        Path b = work.resolve("b");
        Map<String, FloatTensor> storedA = PeftFiles.write(a,
                PeftFiles.loraConfig("CAUSAL_LM", 4, 8, "[\"c_attn\"]", true, "null"), gpt2Tensors(4, 1), DType.F32);
        Map<String, FloatTensor> storedB = PeftFiles.write(b,
                PeftFiles.loraConfig("CAUSAL_LM", 2, 2, "[\"c_attn\"]", true, "null"), gpt2Tensors(2, 2), DType.BF16);
        Batch batch = FixedTask.batch(Head.causalLm(), 64, 1);
        Map<String, SavedAdapter> adapters = new LinkedHashMap<>();
        adapters.put("a", reader().read(a));
        adapters.put("b", reader().read(b));
        Path checkpoint = work.resolve("base");
        Files.createDirectories(checkpoint);
        Files.writeString(checkpoint.resolve("config.json"), TinyArchitecture.GPT2.configJson());
        Path merged = work.resolve("merged");

        try (ModelGraph model = SavedAdapter.build(builder(TinyArchitecture.GPT2, base, Head.causalLm()), adapters);
                ModelGraph withA = builder(TinyArchitecture.GPT2, mergedGpt2(base, storedA, 8.0 / 4),
                        Head.causalLm()).build();
                ModelGraph withB = builder(TinyArchitecture.GPT2, mergedGpt2(base, storedB, 2.0 / 2),
                        Head.causalLm()).build();
                ModelGraph plain = builder(TinyArchitecture.GPT2, base, Head.causalLm()).build()) {
            model.setActiveAdapters(List.of("a"));
            FloatTensor expectedA = withA.evaluate(batch, withA.logits());
            assertThat(maxAbsDifference(model.evaluate(batch, model.logits()), expectedA)).isLessThan(1e-4);
            model.setActiveAdapters(List.of("b"));
            assertThat(maxAbsDifference(model.evaluate(batch, model.logits()), withB.evaluate(batch, withB.logits())))
                    .isLessThan(1e-4);
            model.setActiveAdapters(List.of());
            assertThat(model.evaluate(batch, model.logits())).isEqualTo(plain.evaluate(batch, plain.logits()));

            model.merge("a");
            assertThat(maxAbsDifference(model.evaluate(batch, model.logits()), expectedA)).isLessThan(1e-4);
            MergedCheckpoint.write(model, checkpoint, merged);
        }
        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(merged);
                ModelGraph reloaded = ModelBuilder.create(ModelConfigReader.read(merged.resolve("config.json")), store,
                        options(Head.causalLm())).build();
                ModelGraph withA = builder(TinyArchitecture.GPT2, mergedGpt2(base, storedA, 8.0 / 4),
                        Head.causalLm()).build()) {
            assertThat(store.names()).doesNotContain("lm_head.weight").noneMatch(n -> n.contains("lora"));
            assertThat(maxAbsDifference(reloaded.evaluate(batch, reloaded.logits()),
                    withA.evaluate(batch, withA.logits()))).isLessThan(1e-4);
        }
    }
}
