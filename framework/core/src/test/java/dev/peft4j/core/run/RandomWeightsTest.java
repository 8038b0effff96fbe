package dev.peft4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.model.MapWeightStore;
import dev.peft4j.spi.FloatTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomWeightsTest {

    private static MapWeightStore checkpoint() {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        tensors.put("bert.encoder.layer.0.attention.self.query.weight", FloatTensor.zeros(64, 64));
        tensors.put("bert.encoder.layer.0.attention.self.query.bias", FloatTensor.zeros(64));
        tensors.put("bert.embeddings.LayerNorm.weight", FloatTensor.zeros(64));
        tensors.put("bert.embeddings.LayerNorm.bias", FloatTensor.zeros(64));
        tensors.put("transformer.h.0.ln_1.weight", FloatTensor.zeros(64));
        return new MapWeightStore(tensors, "test checkpoint");
    }

    @Test
    void matricesAreDrawnWithTheInitializerRangeNormsStartAtOneAndBiasesAtZero() {
        try (RandomWeights random = new RandomWeights(checkpoint(), 0.02, 7)) {
            float[] query = random.read("bert.encoder.layer.0.attention.self.query.weight").data();
            double sum = 0;
            double squares = 0;
            for (float v : query) {
                sum += v;
                squares += v * v;
            }
            assertThat(sum / query.length).isCloseTo(0, within(0.002));
            assertThat(Math.sqrt(squares / query.length)).isCloseTo(0.02, within(0.002));
            assertThat(random.read("bert.encoder.layer.0.attention.self.query.bias").data()).containsOnly(0f);
            assertThat(random.read("bert.embeddings.LayerNorm.weight").data()).containsOnly(1f);
            assertThat(random.read("bert.embeddings.LayerNorm.bias").data()).containsOnly(0f);
            assertThat(random.read("transformer.h.0.ln_1.weight").data()).containsOnly(1f);
        }
    }

    @Test
    void aTensorsDrawDependsOnTheSeedAndItsNameOnlyNotOnTheReadOrder() {
        String name = "bert.encoder.layer.0.attention.self.query.weight";
        try (RandomWeights a = new RandomWeights(checkpoint(), 0.02, 7);
                RandomWeights b = new RandomWeights(checkpoint(), 0.02, 7);
                RandomWeights c = new RandomWeights(checkpoint(), 0.02, 8)) {
            b.read("bert.embeddings.LayerNorm.weight");
            assertThat(a.read(name).data()).containsExactly(b.read(name).data());
            assertThat(a.read(name).data()).isNotEqualTo(c.read(name).data());
            assertThat(a.names()).isEqualTo(checkpoint().names());
            assertThat(a.shape(name)).containsExactly(64L, 64L);
        }
    }
}
