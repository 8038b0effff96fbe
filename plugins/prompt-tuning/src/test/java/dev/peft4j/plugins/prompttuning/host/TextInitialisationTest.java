package dev.peft4j.plugins.prompttuning.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.adapter.AdapterWriter;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.Precision;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.core.safetensors.SafetensorsWeightStore;
import dev.peft4j.core.tokenizer.HfTokenizer;
import dev.peft4j.plugins.prompttuning.PromptTuningMethodFactory;
import dev.peft4j.plugins.prompttuning.settings.PromptTuningSettings;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.TuningMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text initialisation reads the host's tokenizer and the base model's word embeddings of a real checkpoint. */
class TextInitialisationTest {

    private static final Path TINY_GPT2 = Path.of(System.getProperty("peft4j.shared.dir", "../../../shared"),
            "models", "tiny-gpt2");

    @TempDir
    Path work;

    private TuningMethod textPrompt(String text, int tokens) {
        return new PromptTuningMethodFactory().create(ConfigFactory.parseString(
                "num-virtual-tokens = " + tokens + ", init = text, init-text = \"" + text + "\"")
                .withFallback(PromptTuningSettings.reference()), new HostPluginContext("prompt-tuning", 1, work));
    }

    private static ModelBuilder tinyGpt2(SafetensorsWeightStore store) {
        return ModelBuilder.create(ModelConfigReader.read(TINY_GPT2.resolve("config.json")), store,
                new ModelOptions(Head.causalLm(), Precision.FP32, false, 1, 1 << 20));
    }

    @Test
    void theTextsTokensAreRepeatedToFillThePromptWithTheirWordEmbeddings() throws IOException {
        try (HfTokenizer tokenizer = HfTokenizer.open(TINY_GPT2);
                SafetensorsWeightStore store = SafetensorsWeightStore.open(TINY_GPT2);
                ModelGraph model = tinyGpt2(store).tokenizer(tokenizer).modelNameOrPath("sshleifer/tiny-gpt2")
                        .adapter("default", textPrompt("Hello world", 5)).build()) {
            FloatTensor wte = model.read("transformer.wte.weight");
            FloatTensor prompt = model.read("adapters/default/prompt_embeddings");
            long[] ids = {15496, 995, 15496, 995, 15496}; // "Hello world" is [15496, 995] for GPT-2, repeated
            assertThat(prompt.shape()).containsExactly(5, 2);
            for (int i = 0; i < ids.length; i++) {
                int row = (int) ids[i];
                assertThat(Arrays.copyOfRange(prompt.data(), 2 * i, 2 * i + 2)).as("virtual token %d", i)
                        .containsExactly(Arrays.copyOfRange(wte.data(), 2 * row, 2 * row + 2));
            }

            Path dir = work.resolve("adapter");
            AdapterWriter.save(model, "default", dir);
            assertThat(Files.readString(dir.resolve("adapter_config.json")))
                    .contains("\"prompt_tuning_init\" : \"TEXT\"", "\"prompt_tuning_init_text\" : \"Hello world\"",
                            "\"tokenizer_name_or_path\" : \"sshleifer/tiny-gpt2\"", "\"token_dim\" : 2",
                            "\"num_virtual_tokens\" : 5", "\"base_model_name_or_path\" : \"sshleifer/tiny-gpt2\"");
        }
    }

    @Test
    void withoutATokenizerTheTextInitialisationSaysWhatIsMissing() {
        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(TINY_GPT2)) {
            assertThatThrownBy(() -> tinyGpt2(store).adapter("default", textPrompt("Hello world", 5)).build())
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("\"Hello world\"")
                    .hasMessageContaining("built without a tokenizer");
        }
    }
}
