package dev.peft4j.core.adapter;

import static dev.peft4j.core.adapter.AdapterFixtures.BATCH;
import static dev.peft4j.core.adapter.AdapterFixtures.gpt2;
import static dev.peft4j.core.adapter.AdapterFixtures.reader;
import static dev.peft4j.core.adapter.AdapterFixtures.train;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.Tensors;
import dev.peft4j.core.model.TinyModels;
import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.surgery.ToyLowRankMethod;
import dev.peft4j.core.safetensors.DType;
import dev.peft4j.core.safetensors.SafetensorsFile;
import dev.peft4j.core.safetensors.SafetensorsWriter;
import dev.peft4j.core.safetensors.TensorInfo;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.SpiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterRoundTripTest {

    @TempDir
    Path work;

    @Test
    void savesTheAdapterInPeftsLayoutWithTheHostKeysAndTheHeadAsAModuleToSave() throws IOException {
        Path dir = work.resolve("adapter");
        try (ModelGraph model = gpt2(Head.classification(3)).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            train(model, "default", 3);
            AdapterWriter.save(model, "default", dir);

            @SuppressWarnings("unchecked")
            Map<String, Object> config = new ObjectMapper().readValue(dir.resolve("adapter_config.json").toFile(),
                    LinkedHashMap.class);
            assertThat(config).containsEntry("peft_type", "TOY").containsEntry("r", 2)
                    .containsEntry("task_type", "SEQ_CLS").containsEntry("base_model_name_or_path", "tiny/gpt2")
                    .containsEntry("inference_mode", true).containsEntry("peft4j_version", SpiVersion.peft4j())
                    .containsEntry("modules_to_save", List.of("score"));
            assertThat(List.copyOf(config.keySet())).isSorted();
            try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
                assertThat(file.metadata()).containsExactly(Map.entry("format", "pt"));
                assertThat(file.names()).containsExactlyInAnyOrderElementsOf(model.adapterTensors("default").keySet())
                        .contains("transformer.h.0.attn.c_attn.toy_A.weight", "base_model.model.score.weight")
                        .hasSize(5);
                assertThat(file.tensors()).extracting(TensorInfo::dtype).containsOnly(DType.F32);
                assertThat(file.info("base_model.model.score.weight").shape()).containsExactly(3, 8);
                assertThat(file.readFloat("base_model.model.score.weight")).isEqualTo(model.read("score.weight"));
            }
        }
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("adapter");
        }
    }

    @Test
    void aCausalLmAdapterHasNoHeadAndKeepsTheMethodsModulesToSave() {
        try (ModelGraph model = gpt2(Head.causalLm()).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            Map<String, Object> config = AdapterWriter.config(model, "default");
            assertThat(config).containsEntry("task_type", "CAUSAL_LM").doesNotContainKey("modules_to_save");
            assertThat(model.adapterTensors("default")).hasSize(4);
        }
    }

    @Test
    void aSavedAndLoadedAdapterComputesExactlyWhatTheTrainedOneDid() {
        Path dir = work.resolve("adapter");
        FloatTensor trained;
        try (ModelGraph model = gpt2(Head.classification(3)).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            train(model, "default", 3);
            // the head trains too and must travel with the adapter
            model.write("score.weight", TinyModels.normal(new Random(8), 1, 3, 8));
            trained = model.evaluate(BATCH, model.logits());
            AdapterWriter.save(model, "default", dir);
        }

        SavedAdapter saved = reader(work).read(dir);
        assertThat(saved.methodName()).isEqualTo("toy");
        assertThat(saved.taskType()).contains("SEQ_CLS");
        try (ModelGraph loaded = SavedAdapter.build(gpt2(Head.classification(3)), Map.of("default", saved))) {
            assertThat(loaded.evaluate(BATCH, loaded.logits())).isEqualTo(trained);
        }
    }

    @Test
    void aMaskedLmAdapterCarriesTheNewHeadAsModulesToSaveAndLoadsBack() {
        Path dir = work.resolve("adapter");
        BertConfig config = TinyModels.bert();
        Map<String, FloatTensor> encoder = TinyModels.bertWeights(config, 2);
        Batch batch = Batch.of(new int[][] {{2, 17, 5, 28}, {9, 3, 1, 4}});
        FloatTensor trained;
        try (ModelGraph model = ModelBuilder.create(config, TinyModels.store(encoder),
                TinyModels.options(Head.maskedLm())).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            train(model, "default", 3);
            model.write("cls.predictions.bias", TinyModels.normal(new Random(8), 1, config.vocabSize()));
            trained = model.evaluate(batch, model.logits());
            AdapterWriter.save(model, "default", dir);

            Map<String, Object> saved = AdapterWriter.config(model, "default");
            assertThat(saved).containsEntry("task_type", null).containsEntry("modules_to_save", List.of(
                    "cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm", "cls.predictions"));
            assertThat(model.adapterTensors("default")).containsKeys("base_model.model.cls.predictions.bias",
                    "base_model.model.cls.predictions.transform.dense.weight");
        }

        SavedAdapter saved = reader(work).read(dir);
        assertThat(saved.taskType()).isEmpty();
        try (ModelGraph loaded = SavedAdapter.build(ModelBuilder.create(config, TinyModels.store(encoder),
                TinyModels.options(Head.maskedLm())), Map.of("default", saved))) {
            assertThat(loaded.evaluate(batch, loaded.logits())).isEqualTo(trained);
        }
    }

    @Test
    void readsBf16AndF16FilesWideningTheirValues() {
        Path dir = work.resolve("adapter");
        Map<String, FloatTensor> values = new LinkedHashMap<>();
        try (ModelGraph model = gpt2(Head.causalLm()).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            train(model, "default", 5);
            AdapterWriter.save(model, "default", dir);
            model.adapterTensors("default").forEach((saved, variable) -> values.put(saved, model.read(variable)));
        }
        SafetensorsWriter bf16 = new SafetensorsWriter();
        values.forEach((name, t) -> bf16.add(name, t, name.contains("h.0") ? DType.BF16 : DType.F16));
        bf16.write(dir.resolve("adapter_model.safetensors"));

        SavedAdapter saved = reader(work).read(dir);
        try (ModelGraph loaded = SavedAdapter.build(gpt2(Head.causalLm()), Map.of("default", saved))) {
            values.forEach((name, t) -> {
                FloatTensor restored = loaded.read(loaded.adapterTensors("default").get(name));
                assertThat(restored.shape()).isEqualTo(t.shape());
                assertThat(restored).isNotEqualTo(t); // rounded to 8 or 11 significant bits
                for (int i = 0; i < t.data().length; i++) {
                    assertThat(Math.abs(restored.data()[i] - t.data()[i]))
                            .isLessThanOrEqualTo(Math.abs(t.data()[i]) / 128 + 1e-30f);
                }
            });
        }
    }

    @Test
    void severalAdaptersLoadByNameSwitchAndAllOffIsTheBaseModel() {
        Path a = work.resolve("a");
        Path b = work.resolve("b");
        for (Path dir : List.of(a, b)) {
            try (ModelGraph model = gpt2(Head.causalLm()).adapter("x", new ToyLowRankMethod(2, 1)).build()) {
                train(model, "x", dir.hashCode());
                AdapterWriter.save(model, "x", dir);
            }
        }
        AdapterReader reader = reader(work);
        Map<String, SavedAdapter> both = new LinkedHashMap<>();
        both.put("a", reader.read(a));
        both.put("b", reader.read(b));
        try (ModelGraph model = SavedAdapter.build(gpt2(Head.causalLm()), both);
                ModelGraph onlyA = SavedAdapter.build(gpt2(Head.causalLm()), Map.of("a", reader.read(a)));
                ModelGraph base = gpt2(Head.causalLm()).build()) {
            model.setActiveAdapters(List.of("a"));
            assertThat(model.evaluate(BATCH, model.logits())).isEqualTo(onlyA.evaluate(BATCH, onlyA.logits()));
            model.setActiveAdapters(List.of("b"));
            assertThat(Tensors.maxAbsDifference(model.evaluate(BATCH, model.logits()),
                    onlyA.evaluate(BATCH, onlyA.logits()))).isGreaterThan(1e-3);
            model.setActiveAdapters(List.of());
            assertThat(model.evaluate(BATCH, model.logits())).isEqualTo(base.evaluate(BATCH, base.logits()));
        }
    }

    @Test
    void savingReplacesAnAdapterFolderButNeverAFolderWithOtherFiles() throws IOException {
        Path dir = work.resolve("adapter");
        try (ModelGraph model = gpt2(Head.causalLm()).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            AdapterWriter.save(model, "default", dir);
            train(model, "default", 9);
            AdapterWriter.save(model, "default", dir);
            try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
                String b = "transformer.h.1.attn.c_attn.toy_B.weight";
                assertThat(file.readFloat(b)).isEqualTo(model.read(model.adapterTensors("default").get(b)));
            }

            Path notes = work.resolve("run");
            Files.createDirectories(notes);
            Files.writeString(notes.resolve("metrics.json"), "{}");
            assertThatThrownBy(() -> AdapterWriter.save(model, "default", notes))
                    .isInstanceOf(AdapterException.class)
                    .hasMessageContaining("[metrics.json]")
                    .hasMessageContaining("save into an empty or new folder");
            assertThat(notes.resolve("metrics.json")).exists();
        }
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("adapter", "run");
        }
    }
}
