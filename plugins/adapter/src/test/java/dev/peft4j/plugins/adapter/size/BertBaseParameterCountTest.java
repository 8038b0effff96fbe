package dev.peft4j.plugins.adapter.size;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.Precision;
import dev.peft4j.core.model.TrainableVariable;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.plugins.adapter.AdapterMethodFactory;
import dev.peft4j.plugins.adapter.settings.AdapterSettings;
import dev.peft4j.testkit.model.RandomWeightStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pfeiffer adapters at reduction factor 16 on a model with BERT-base's dimensions (random weights, made one tensor at
 * a time) have the trainable parameters the formula gives: per block 768·48 + 48 + 48·768 + 768 = 74,544, times 12
 * blocks = 894,528.
 */
class BertBaseParameterCountTest {

    private static final String BERT_BASE = """
            {"model_type": "bert", "vocab_size": 30522, "hidden_size": 768, "num_hidden_layers": 12,
             "num_attention_heads": 12, "intermediate_size": 3072, "hidden_act": "gelu",
             "max_position_embeddings": 512, "type_vocab_size": 2, "layer_norm_eps": 1e-12}
            """;

    @TempDir
    Path work;

    @Test
    void pfeifferAdaptersOnBertBaseTrain894528Parameters() throws IOException {
        ModelConfig config = ModelConfigReader.parse(BERT_BASE, "bert-base config");
        AdapterMethodFactory factory = new AdapterMethodFactory();
        var method = factory.create(AdapterSettings.reference(), new HostPluginContext("adapter", 1, work));
        ModelOptions options = new ModelOptions(Head.classification(2), Precision.FP32, false, 1, 64L << 20);
        try (ModelGraph model = ModelBuilder.create(config, new RandomWeightStore(config, 1), options)
                .adapter("default", method).build()) {
            long adapterParameters = model.trainables().stream()
                    .filter(v -> v.name().startsWith("adapters/default/"))
                    .mapToLong(TrainableVariable::size).sum();
            long headParameters = model.trainables().stream()
                    .filter(v -> !v.name().startsWith("adapters/"))
                    .mapToLong(TrainableVariable::size).sum();

            assertThat(adapterParameters).isEqualTo(894_528);
            assertThat(headParameters).as("classifier 2 x 768 + 2").isEqualTo(1_538);
            assertThat(model.parameterCount()).as("BERT-base + head + adapters")
                    .isEqualTo(109_482_240L + 1_538 + 894_528);
        }
        // 440 MB of weights live in the session; the store holds at most one 64 MB load chunk (measured: 1.1 GB)
        assertThat(peakRssMb()).as("peak resident memory of the test JVM, MB").isLessThan(1536);
    }

    private static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
