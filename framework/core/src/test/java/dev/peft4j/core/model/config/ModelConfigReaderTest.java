package dev.peft4j.core.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.model.ModelLoadException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigReaderTest {

    @Test
    void gpt2ConfigTakesFourTimesTheWidthWhenNInnerIsNull() {
        Gpt2Config c = (Gpt2Config) ModelConfigReader.parse("""
                {"model_type": "gpt2", "vocab_size": 50257, "n_embd": 768, "n_layer": 12, "n_head": 12,
                 "n_inner": null, "n_positions": 1024, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-05}
                """, "gpt2.json");

        assertThat(c.intermediateSize()).isEqualTo(3072);
        assertThat(c.activation()).isEqualTo(Activation.GELU_TANH);
        assertThat(c.tieWordEmbeddings()).isTrue();
        assertThat(c.spec().architecture()).isEqualTo("gpt2");
    }

    @Test
    void theSharedTinyGpt2CheckpointConfigParses() {
        Path config = Path.of(System.getProperty("peft4j.shared.dir", "../../../shared"), "models", "tiny-gpt2",
                "config.json");
        Gpt2Config c = (Gpt2Config) ModelConfigReader.read(config);

        assertThat(c.hiddenSize()).isEqualTo(2);
        assertThat(c.numLayers()).isEqualTo(2);
        assertThat(c.intermediateSize()).isEqualTo(8);
        assertThat(c.vocabSize()).isEqualTo(50257);
    }

    @Test
    void bertClassifierDropoutFallsBackToTheHiddenDropout() {
        BertConfig c = (BertConfig) ModelConfigReader.parse("""
                {"model_type": "bert", "vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 6,
                 "num_attention_heads": 12, "intermediate_size": 1536, "hidden_act": "gelu",
                 "hidden_dropout_prob": 0.2, "classifier_dropout": null}
                """, "bert.json");

        assertThat(c.classifierDropout()).isEqualTo(0.2);
        assertThat(c.hiddenAct()).isEqualTo(Activation.GELU_EXACT);
        assertThat(c.layerNormEps()).isEqualTo(1e-12);
    }

    @Test
    void llamaReadsGroupedQueryHeadsAndLlama3RopeScaling() {
        LlamaConfig c = (LlamaConfig) ModelConfigReader.parse("""
                {"model_type": "llama", "vocab_size": 128256, "hidden_size": 2048, "num_hidden_layers": 16,
                 "num_attention_heads": 32, "num_key_value_heads": 8, "intermediate_size": 8192,
                 "rms_norm_eps": 1e-05, "rope_theta": 500000.0, "tie_word_embeddings": true,
                 "rope_scaling": {"factor": 32.0, "high_freq_factor": 4.0, "low_freq_factor": 1.0,
                                  "original_max_position_embeddings": 8192, "rope_type": "llama3"}}
                """, "llama.json");

        assertThat(c.numKeyValueHeads()).isEqualTo(8);
        assertThat(c.headDim()).isEqualTo(64);
        assertThat(c.ropeScaling().type()).isEqualTo("llama3");
        assertThat(c.qkvBias()).isFalse();
    }

    @Test
    void qwen2HasBiasOnQueryKeyValueButNotOnTheOutputProjection() {
        LlamaConfig c = (LlamaConfig) ModelConfigReader.parse("""
                {"model_type": "qwen2", "vocab_size": 151936, "hidden_size": 896, "num_hidden_layers": 24,
                 "num_attention_heads": 14, "num_key_value_heads": 2, "intermediate_size": 4864}
                """, "qwen2.json");

        assertThat(c.qkvBias()).isTrue();
        assertThat(c.outputBias()).isFalse();
    }

    @Test
    void llama3RopeScalingKeepsHighFrequenciesAndDividesLowOnesByTheFactor() {
        RopeScaling s = new RopeScaling("llama3", 8, 1, 4, 8192);
        double high = 1.0;          // wavelength 2π, far below 8192 / 4
        double low = 2 * Math.PI / 100_000; // wavelength 100000, above 8192 / 1
        double[] scaled = s.scale(new double[] {high, low});

        assertThat(scaled[0]).isEqualTo(high);
        assertThat(scaled[1]).isCloseTo(low / 8, within(1e-15));
        assertThat(new RopeScaling("linear", 4, 1, 1, 1).scale(new double[] {2.0})[0]).isEqualTo(0.5);
    }

    @Test
    void anUnknownModelTypeNamesTheFileAndTheSupportedTypes() {
        assertThatThrownBy(() -> ModelConfigReader.parse("{\"model_type\": \"t5\"}", "/ckpt/config.json"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("/ckpt/config.json")
                .hasMessageContaining("'t5'")
                .hasMessageContaining("[bert, gpt2, llama, mistral, qwen2]");
    }

    @Test
    void aMissingRequiredKeyIsNamed() {
        assertThatThrownBy(() -> ModelConfigReader.parse("""
                {"model_type": "gpt2", "vocab_size": 10, "n_layer": 2, "n_head": 2}
                """, "c.json"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("c.json")
                .hasMessageContaining("'n_embd' is missing");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedWithWhatWasExpected() {
        assertThatThrownBy(() -> ModelConfigReader.parse("""
                {"model_type": "gpt2", "vocab_size": "many", "n_embd": 8, "n_layer": 2, "n_head": 2}
                """, "c.json"))
                .hasMessageContaining("'vocab_size' must be an integer");
    }

    @Test
    void inconsistentHeadCountsAreRefused() {
        assertThatThrownBy(() -> ModelConfigReader.parse("""
                {"model_type": "gpt2", "vocab_size": 10, "n_embd": 10, "n_layer": 2, "n_head": 4}
                """, "c.json"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("c.json")
                .hasMessageContaining("n_embd (10) must be a multiple of n_head (4)");
        assertThatThrownBy(() -> ModelConfigReader.parse("""
                {"model_type": "llama", "vocab_size": 10, "hidden_size": 16, "num_hidden_layers": 1,
                 "num_attention_heads": 4, "num_key_value_heads": 3, "intermediate_size": 8}
                """, "c.json"))
                .hasMessageContaining("num_attention_heads (4) must be a multiple of num_key_value_heads (3)");
    }

    @Test
    void unsupportedActivationsAndRopeScalingsAreNamed() {
        assertThatThrownBy(() -> ModelConfigReader.parse("""
                {"model_type": "bert", "vocab_size": 10, "hidden_size": 8, "num_hidden_layers": 1,
                 "num_attention_heads": 2, "intermediate_size": 8, "hidden_act": "mish"}
                """, "c.json"))
                .hasMessageContaining("'hidden_act'").hasMessageContaining("mish");
        assertThatThrownBy(() -> ModelConfigReader.parse("""
                {"model_type": "llama", "vocab_size": 10, "hidden_size": 16, "num_hidden_layers": 1,
                 "num_attention_heads": 4, "intermediate_size": 8, "rope_scaling": {"type": "yarn", "factor": 4}}
                """, "c.json"))
                .hasMessageContaining("'rope_scaling'").hasMessageContaining("yarn");
    }

    @Test
    void invalidJsonGivesLineAndColumn() {
        assertThatThrownBy(() -> ModelConfigReader.parse("{\n  \"model_type\": \"gpt2\",\n  oops\n}", "c.json"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("c.json is not valid JSON (line 3");
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("config.json");
        assertThatThrownBy(() -> ModelConfigReader.read(missing))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(missing.toString());
    }
}
