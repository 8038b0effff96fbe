package dev.peft4j.core.model.surgery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.TinyModels;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.tokenizer.HfTokenizer;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSurgery;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What a method may ask the host for besides weights: token ids, the embedding's name, the base model's name. */
class SurgeryHostServicesTest {

    private static final Path TINY_GPT2 = Path.of(System.getProperty("peft4j.shared.dir", "../../../shared"),
            "models", "tiny-gpt2");

    private static void inject(ModelBuilder builder, Consumer<ModelSurgery> look) {
        try (ModelGraph ignored = builder.adapter("look", ToyMethods.of("x_", MethodKind.PROMPT_LEARNING, look::accept))
                .build()) {
            assertThat(ignored.adapters()).containsExactly("look");
        }
    }

    private static ModelBuilder builder(ModelConfig config, Map<String, FloatTensor> weights) {
        return ModelBuilder.create(config, TinyModels.store(weights), TinyModels.options(Head.regression()));
    }

    @Test
    void tokenizeGivesTheIdsHuggingFaceGivesUntruncated() {
        AtomicReference<long[]> ids = new AtomicReference<>();
        AtomicReference<long[]> longIds = new AtomicReference<>();
        String longText = "word ".repeat(2999) + "word"; // "word" then 2999 times " word"
        try (HfTokenizer tokenizer = HfTokenizer.open(TINY_GPT2)) {
            inject(builder(TinyModels.gpt2(), TinyModels.gpt2Weights(TinyModels.gpt2(), 1)).tokenizer(tokenizer), s -> {
                ids.set(s.tokenize("Hello world"));
                longIds.set(s.tokenize(longText));
            });
        }
        // GPT2TokenizerFast("Hello world")["input_ids"]: GPT-2 adds no special tokens
        assertThat(ids.get()).containsExactly(15496, 995);
        assertThat(longIds.get().length).isEqualTo(3000);
    }

    @Test
    void withoutATokenizerTokenizeSaysWhatToDo() {
        assertThatThrownBy(() -> inject(builder(TinyModels.gpt2(), TinyModels.gpt2Weights(TinyModels.gpt2(), 1)),
                s -> s.tokenize("Classify:")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("adapter 'look'")
                .hasMessageContaining("\"Classify:\"")
                .hasMessageContaining("ModelBuilder.tokenizer(...)");
    }

    @Test
    void theWordEmbeddingIsNamedCanonicallyAndReadableForEveryArchitecture() {
        Map<String, ModelConfig> configs = Map.of("transformer.wte.weight", TinyModels.gpt2(),
                "bert.embeddings.word_embeddings.weight", TinyModels.bert(),
                "model.embed_tokens.weight", TinyModels.llama());
        configs.forEach((expected, config) -> {
            Map<String, FloatTensor> weights = switch (config.modelType()) {
                case "gpt2" -> TinyModels.gpt2Weights(TinyModels.gpt2(), 1);
                case "bert" -> TinyModels.bertWeights(TinyModels.bert(), 1);
                default -> TinyModels.llamaWeights(TinyModels.llama(), 1);
            };
            AtomicReference<FloatTensor> embedding = new AtomicReference<>();
            inject(builder(config, weights), s -> {
                assertThat(s.wordEmbeddingName()).isEqualTo(expected);
                embedding.set(s.baseWeight(s.wordEmbeddingName()));
            });
            assertThat(embedding.get().shape()).containsExactly(config.vocabSize(), config.hiddenSize());
        });
    }

    @Test
    void theModelNameOrPathIsWhatTheBuilderWasGivenOrNull() {
        AtomicReference<String> named = new AtomicReference<>("unset");
        AtomicReference<String> unnamed = new AtomicReference<>("unset");
        Map<String, FloatTensor> weights = TinyModels.gpt2Weights(TinyModels.gpt2(), 1);
        inject(builder(TinyModels.gpt2(), weights).modelNameOrPath("openai-community/gpt2"),
                s -> named.set(s.modelNameOrPath()));
        inject(builder(TinyModels.gpt2(), weights), s -> unnamed.set(s.modelNameOrPath()));
        assertThat(named.get()).isEqualTo("openai-community/gpt2");
        assertThat(unnamed.get()).isNull();
    }
}
