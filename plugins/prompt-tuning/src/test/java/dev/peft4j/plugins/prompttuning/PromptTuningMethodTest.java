package dev.peft4j.plugins.prompttuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.plugins.prompttuning.settings.PromptInit;
import dev.peft4j.plugins.prompttuning.settings.PromptTuningSettings;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;

class PromptTuningMethodTest {

    private static final List<String> VOCABULARY = List.of("<eos>", "classify", "the", "review", ":", "good", "bad");

    private static float[] row(FloatTensor matrix, int row) {
        int width = (int) matrix.dim(1);
        return Arrays.copyOfRange(matrix.data(), row * width, (row + 1) * width);
    }

    @Test
    void isAPromptLearningMethodWithoutCapabilities() {
        PromptTuningMethod method = PromptTuningMethod.created(new PromptTuningSettings(4, PromptInit.RANDOM, "", 1), 1);

        assertThat(method.kind()).isEqualTo(MethodKind.PROMPT_LEARNING);
        assertThat(method.capabilities()).isEmpty();
        assertThat(method.prefix()).isEqualTo("prompt_embeddings");
    }

    @Test
    void prependsOneTrainableMatrixNamedAsPeftSavesIt() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            FakeSurgery surgery = new FakeSurgery(graph, 6, VOCABULARY, 1);

            PromptTuningMethod.created(new PromptTuningSettings(4, PromptInit.RANDOM, "", 0.5), 9).inject(surgery);

            assertThat(surgery.variables()).containsOnlyKeys("prompt_embeddings");
            assertThat(surgery.prepended()).containsExactly(surgery.variables().get("prompt_embeddings"));
            FloatTensor value = Tensors.run(session, surgery.prepended().get(0), Map.of());
            assertThat(value.shape()).containsExactly(4, 6);
            assertThat(value).isEqualTo(surgery.initialValues().get("prompt_embeddings"));
        }
    }

    @Test
    void randomInitialisationHasTheConfiguredSpread() {
        FloatTensor values = PromptEmbeddings.random(200, 100, 0.5, new SplittableRandom(3));

        double sum = 0;
        double squares = 0;
        for (float v : values.data()) {
            sum += v;
            squares += v * v;
        }
        double mean = sum / values.data().length;
        assertThat(mean).isCloseTo(0, within(0.01));
        assertThat(Math.sqrt(squares / values.data().length - mean * mean)).isCloseTo(0.5, within(0.01));
    }

    @Test
    void textInitialisationCopiesTheTextsTokenEmbeddingsRepeatedToFill() {
        try (Graph graph = new Graph()) {
            FakeSurgery surgery = new FakeSurgery(graph, 6, VOCABULARY, 1);

            PromptTuningMethod.created(new PromptTuningSettings(5, PromptInit.TEXT, "classify the review", 1), 9)
                    .inject(surgery);

            FloatTensor prompt = surgery.initialValues().get("prompt_embeddings");
            int[] expectedIds = {1, 2, 3, 1, 2};
            for (int i = 0; i < 5; i++) {
                assertThat(row(prompt, i)).as("virtual token %d", i).containsExactly(row(surgery.embedding(), expectedIds[i]));
            }
            assertThat(surgery.tokenized()).containsExactly("classify the review");
        }
    }

    @Test
    void aLongerTextIsCut() {
        assertThat(PromptEmbeddings.fill(new long[] {4, 5, 6, 7}, 2)).containsExactly(4, 5);
        assertThat(PromptEmbeddings.fill(new long[] {4, 5}, 5)).containsExactly(4, 5, 4, 5, 4);
        assertThatThrownBy(() -> PromptEmbeddings.fill(new long[0], 3)).hasMessageContaining("no tokens");
    }

    @Test
    void sampleVocabCopiesEmbeddingsOfRandomVocabularyIds() {
        try (Graph graph = new Graph()) {
            FakeSurgery surgery = new FakeSurgery(graph, 6, VOCABULARY, 1);

            PromptTuningMethod.created(new PromptTuningSettings(40, PromptInit.SAMPLE_VOCAB, "", 1), 9).inject(surgery);

            FloatTensor prompt = surgery.initialValues().get("prompt_embeddings");
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                float[] token = row(prompt, i);
                int id = -1;
                for (int v = 0; v < VOCABULARY.size(); v++) {
                    if (Arrays.equals(token, row(surgery.embedding(), v))) {
                        id = v;
                    }
                }
                assertThat(id).as("virtual token %d is a vocabulary embedding", i).isNotNegative();
                used.add(id);
            }
            assertThat(used).hasSizeGreaterThan(3);
        }
    }

    @Test
    void tokenIdsOutsideTheEmbeddingAreNamed() {
        FloatTensor embedding = FloatTensor.zeros(7, 6);

        assertThatThrownBy(() -> PromptEmbeddings.rows("transformer.wte.weight", embedding, new long[] {1, 9}, 6))
                .hasMessageContaining("token id 9 is outside the word embedding transformer.wte.weight with 7 rows");
        assertThatThrownBy(() -> PromptEmbeddings.rows("transformer.wte.weight", embedding, new long[] {1}, 8))
                .hasMessageContaining("is [7, 6], expected [vocab, 8]");
    }

    @Test
    void aLoadedPromptNeedsNoTokenizerAndChecksItsWidth() {
        try (Graph graph = new Graph()) {
            FakeSurgery surgery = new FakeSurgery(graph, 6, VOCABULARY, 1);
            PromptTuningSettings text = new PromptTuningSettings(3, PromptInit.TEXT, "good", 1);

            PromptTuningMethod.loaded(text, 6).inject(surgery);

            assertThat(surgery.tokenized()).isEmpty();
            assertThat(surgery.initialValues().get("prompt_embeddings")).isEqualTo(FloatTensor.zeros(3, 6));
            assertThatThrownBy(() -> PromptTuningMethod.loaded(text, 768).inject(new FakeSurgery(graph, 6, VOCABULARY, 1)))
                    .hasMessageContaining("trained for token_dim 768 but the gpt2 model's embeddings are 6 wide");
        }
    }

    @Test
    void theConfigAfterInjectionRecordsTheModelAndTheTokenizerPath() {
        try (Graph graph = new Graph()) {
            PromptTuningMethod method = PromptTuningMethod.created(new PromptTuningSettings(3, PromptInit.TEXT, "good", 1), 1);
            assertThat(method.adapterConfig()).containsEntry("token_dim", null);

            method.inject(new FakeSurgery(graph, 6, VOCABULARY, 1));

            assertThat(method.adapterConfig()).containsEntry("token_dim", 6)
                    .containsEntry("tokenizer_name_or_path", "/models/tiny-gpt2")
                    .containsEntry("prompt_tuning_init_text", "good");
        }
    }
}
