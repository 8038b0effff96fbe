package dev.peft4j.core.adapter;

import static dev.peft4j.core.adapter.AdapterFixtures.gpt2;
import static dev.peft4j.core.adapter.AdapterFixtures.reader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.surgery.ToyLowRankMethod;
import dev.peft4j.core.safetensors.SafetensorsFile;
import dev.peft4j.core.safetensors.SafetensorsWriter;
import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdapterReadErrorsTest {

    private static final String B1 = "transformer.h.1.attn.c_attn.toy_B.weight";

    @TempDir
    Path work;
    private Path dir;
    private final Map<String, FloatTensor> saved = new LinkedHashMap<>();

    @BeforeEach
    void saveAnAdapter() {
        dir = work.resolve("adapter");
        try (ModelGraph model = gpt2(Head.causalLm()).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            AdapterFixtures.train(model, "default", 4);
            AdapterWriter.save(model, "default", dir);
            model.adapterTensors("default").forEach((name, variable) -> saved.put(name, model.read(variable)));
        }
    }

    private void rewriteTensors(Consumer<Map<String, FloatTensor>> change) {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>(saved);
        change.accept(tensors);
        SafetensorsWriter writer = new SafetensorsWriter();
        tensors.forEach(writer::add);
        writer.write(dir.resolve("adapter_model.safetensors"));
    }

    private void restoreInto(Head head) {
        SavedAdapter adapter = reader(work).read(dir);
        try (ModelGraph model = gpt2(head).adapter("default", adapter.method()).build()) {
            adapter.restore(model, "default");
        }
    }

    @Test
    void aMissingTensorIsNamedWithTheFileAndNothingIsAssigned() {
        rewriteTensors(t -> t.remove(B1));

        SavedAdapter adapter = reader(work).read(dir);
        try (ModelGraph model = gpt2(Head.causalLm()).adapter("default", adapter.method()).build()) {
            FloatTensor before = model.read("adapters/default/transformer.h.0.attn.c_attn.toy_B.weight");
            assertThatThrownBy(() -> adapter.restore(model, "default"))
                    .isInstanceOf(AdapterException.class)
                    .hasMessageContaining(dir.resolve("adapter_model.safetensors").toString())
                    .hasMessageContaining("lacks 1 tensor(s) the toy method created")
                    .hasMessageContaining("[" + B1 + "]")
                    .hasMessageContaining("Nothing was assigned");
            assertThat(model.read("adapters/default/transformer.h.0.attn.c_attn.toy_B.weight")).isEqualTo(before);
        }
    }

    @Test
    void aTensorOfTheWrongShapeIsNamedWithBothShapes() {
        rewriteTensors(t -> t.put(B1, FloatTensor.zeros(24, 3)));

        assertThatThrownBy(() -> restoreInto(Head.causalLm()))
                .isInstanceOf(AdapterException.class)
                .hasMessageContaining("tensor '" + B1 + "' has shape [24, 3] but the method built it as [24, 2]");
    }

    @Test
    void aTensorTheMethodDidNotCreateIsRefusedByName() {
        rewriteTensors(t -> t.put("transformer.h.0.mlp.c_fc.toy_A.weight", FloatTensor.zeros(2, 8)));

        assertThatThrownBy(() -> restoreInto(Head.causalLm()))
                .isInstanceOf(AdapterException.class)
                .hasMessageContaining("holds 1 tensor(s) the toy method did not create: "
                        + "[transformer.h.0.mlp.c_fc.toy_A.weight]");
    }

    @Test
    void anAdapterSavedForCausalLmDoesNotLoadIntoAClassifier() {
        assertThatThrownBy(() -> restoreInto(Head.classification(2)))
                .isInstanceOf(AdapterException.class)
                .hasMessageContaining("saved for task_type CAUSAL_LM but the model has a sequence classification head");
    }

    @Test
    void aClassifierAdapterWithoutItsHeadSaysSo() throws IOException {
        String config = Files.readString(dir.resolve("adapter_config.json")).replace("\"CAUSAL_LM\"", "null");
        Files.writeString(dir.resolve("adapter_config.json"), config);

        assertThatThrownBy(() -> restoreInto(Head.classification(2)))
                .hasMessageContaining("[base_model.model.score.weight]")
                .hasMessageContaining("saved without the model's classification head");
    }

    @Test
    void anUnknownPeftTypeListsTheInstalledMethods() throws IOException {
        Files.writeString(dir.resolve("adapter_config.json"), "{\"peft_type\": \"IA3\", \"r\": 2}");

        assertThatThrownBy(() -> reader(work).read(dir))
                .isInstanceOf(AdapterException.class)
                .hasMessageContaining("peft_type \"IA3\" is not read by any installed tuning method")
                .hasMessageContaining("{TOY=toy}");
    }

    @Test
    void aConfigWithoutPeftTypeOrNotJsonIsRefusedNamingTheFile() throws IOException {
        Path config = dir.resolve("adapter_config.json");
        Files.writeString(config, "{\"r\": 2}");
        assertThatThrownBy(() -> reader(work).read(dir)).hasMessageContaining(config + ": key 'peft_type' is missing");

        Files.writeString(config, "{\"peft_type\": \"TOY\",\n \"r\": }");
        assertThatThrownBy(() -> reader(work).read(dir)).hasMessageContaining(config + " is not a JSON object (line 2");
    }

    @Test
    void theMethodsOwnRefusalNamesTheConfigFile() throws IOException {
        Files.writeString(dir.resolve("adapter_config.json"), "{\"peft_type\": \"TOY\", \"r\": \"two\"}");

        assertThatThrownBy(() -> reader(work).read(dir))
                .hasMessageContaining("cannot load the adapter " + dir.resolve("adapter_config.json") + " with the toy "
                        + "method: adapter_config.json: r must be an integer, got two");
    }

    @Test
    void missingFilesAndPickledWeightsAreExplained() throws IOException {
        assertThatThrownBy(() -> reader(work).read(work.resolve("nope"))).hasMessageContaining("no adapter folder at");

        Files.delete(dir.resolve("adapter_model.safetensors"));
        assertThatThrownBy(() -> reader(work).read(dir)).hasMessageContaining("has no adapter_model.safetensors");
        Files.writeString(dir.resolve("adapter_model.bin"), "pickle");
        assertThatThrownBy(() -> reader(work).read(dir)).hasMessageContaining("safe_serialization=True");

        Files.writeString(dir.resolve("adapter_model.safetensors"), "garbage");
        assertThatThrownBy(() -> reader(work).read(dir)).hasMessageContaining("the adapter's tensors cannot be read");

        Files.delete(dir.resolve("adapter_config.json"));
        assertThatThrownBy(() -> reader(work).read(dir)).hasMessageContaining("has no adapter_config.json");
    }

    @Test
    void anAdapterRestoresOnlyIntoTheModelBuiltFromIt() {
        SavedAdapter adapter = reader(work).read(dir);
        try (ModelGraph other = gpt2(Head.causalLm()).adapter("default", new ToyLowRankMethod(2, 1)).build()) {
            assertThatThrownBy(() -> adapter.restore(other, "default"))
                    .hasMessageContaining("was not built from the adapter in " + dir);
        }
        try (SafetensorsFile file = SafetensorsFile.open(dir.resolve("adapter_model.safetensors"))) {
            assertThat(file.names()).hasSize(4);
        }
    }
}
