package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightLoadingTest {

    private static final Path TINY_GPT2 = Path.of(System.getProperty("peft4j.shared.dir", "../../../shared"),
            "models", "tiny-gpt2");

    @Test
    void aMissingTensorIsNamedWithTheSpellingsTried() {
        Gpt2Config config = TinyModels.gpt2();
        Map<String, FloatTensor> weights = TinyModels.gpt2Weights(config, 1);
        weights.remove("transformer.h.1.mlp.c_fc.bias");

        assertThatThrownBy(() -> ModelBuilder.create(config, TinyModels.store(weights),
                TinyModels.options(Head.causalLm())).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("'transformer.h.1.mlp.c_fc.bias'")
                .hasMessageContaining("h.1.mlp.c_fc.bias")
                .hasMessageContaining("test weights");
    }

    @Test
    void aTensorOfTheWrongShapeIsNamedWithBothShapes() {
        Gpt2Config config = TinyModels.gpt2();
        Map<String, FloatTensor> weights = TinyModels.gpt2Weights(config, 1);
        weights.put("transformer.h.0.attn.c_attn.weight", FloatTensor.zeros(24, 8));

        assertThatThrownBy(() -> ModelBuilder.create(config, TinyModels.store(weights),
                TinyModels.options(Head.causalLm())).build())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("'transformer.h.0.attn.c_attn.weight'")
                .hasMessageContaining("[24, 8]")
                .hasMessageContaining("[8, 24]");
    }

    @Test
    void bareGpt2ModelCheckpointsWithoutTheTransformerPrefixLoad() {
        Gpt2Config config = TinyModels.gpt2();
        Map<String, FloatTensor> bare = new LinkedHashMap<>();
        TinyModels.gpt2Weights(config, 1).forEach((k, v) -> bare.put(k.substring("transformer.".length()), v));
        bare.put("h.0.attn.bias", FloatTensor.zeros(1, 1, 16, 16)); // a causal-mask buffer some files carry

        try (ModelGraph model = ModelBuilder.create(config, TinyModels.store(bare),
                TinyModels.options(Head.causalLm())).build()) {
            assertThat(model.read("transformer.wte.weight")).isEqualTo(bare.get("wte.weight"));
        }
    }

    /**
     * The shared tiny-gpt2 checkpoint, built with the names and shapes of its safetensors header (values are random
     * here: reading safetensors is the checkpoint reader's job). Building succeeds only if the file holds every tensor
     * the model needs, and each of the file's tensors is read back by its name.
     */
    @Test
    void everyTensorOfTheRealTinyGpt2CheckpointLoadsByItsName() throws IOException {
        Gpt2Config config = (Gpt2Config) ModelConfigReader.read(TINY_GPT2.resolve("config.json"));
        Map<String, FloatTensor> weights = randomTensorsShapedLike(TINY_GPT2.resolve("model.safetensors"));

        try (ModelGraph model = ModelBuilder.create(config, TinyModels.store(weights),
                TinyModels.options(Head.causalLm())).build()) {
            assertThat(weights).hasSize(28);
            for (String name : weights.keySet()) {
                assertThat(model.read(name)).as(name).isEqualTo(weights.get(name));
            }
            FloatTensor logits = model.evaluate(Batch.of(new int[][] {{464, 2068, 7586}}), model.logits());
            assertThat(logits.shape()).containsExactly(1, 3, 50257);
        }
    }

    private static Map<String, FloatTensor> randomTensorsShapedLike(Path safetensors) throws IOException {
        JsonNode header;
        try (InputStream in = Files.newInputStream(safetensors)) {
            long length = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
            header = new ObjectMapper().readTree(new String(in.readNBytes((int) length), StandardCharsets.UTF_8));
        }
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        Random random = new Random(3);
        header.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("__metadata__")) {
                long[] shape = new long[e.getValue().get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = e.getValue().get("shape").get(i).asLong();
                }
                tensors.put(e.getKey(), TinyModels.normal(random, 0.2, shape));
            }
        });
        return tensors;
    }
}
