package dev.peft4j.core.model.surgery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.Labels;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.Tensors;
import dev.peft4j.core.model.TinyModels;
import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.config.LlamaConfig;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.MethodKind;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VirtualTokensTest {

    private static final Gpt2Config GPT2 = TinyModels.gpt2();
    private static final FloatTensor PROMPT = TinyModels.normal(new Random(11), 0.5, 3, GPT2.hiddenSize());
    private static final Batch BATCH = Batch.of(new int[][] {{3, 7, 1, 22}, {0, 4, 4, 8}})
            .withLabels(new Labels.Tokens(new int[] {3, 7, 1, 22, 0, 4, -100, 8}));

    private static ModelBuilder gpt2(Head head) {
        return ModelBuilder.create(GPT2, TinyModels.store(TinyModels.gpt2Weights(GPT2, 1)), TinyModels.options(head));
    }

    @Test
    void promptPositionsAreLeftOutOfTheLogitsAndTheLoss() {
        try (ModelGraph prompted = gpt2(Head.causalLm()).adapter("p", ToyMethods.prompt(3, PROMPT)).build();
                ModelGraph base = gpt2(Head.causalLm()).build()) {
            assertThat(prompted.evaluate(BATCH, prompted.logits()).shape()).containsExactly(2, 4, GPT2.vocabSize());
            assertThat(prompted.evaluate(BATCH, prompted.lossWeight()).data()).containsExactly(5f);
            assertThat(Tensors.maxAbsDifference(prompted.evaluate(BATCH, prompted.logits()),
                    base.evaluate(BATCH, base.logits()))).isGreaterThan(1e-3);
            assertThat(prompted.trainables()).extracting(v -> v.name()).containsExactly("adapters/p/prompt_embeddings");
        }
    }

    @Test
    void aSwitchedOffPromptIsMaskedOutAndTheModelComputesAsWithout() {
        try (ModelGraph prompted = gpt2(Head.causalLm()).adapter("p", ToyMethods.prompt(3, PROMPT)).build();
                ModelGraph base = gpt2(Head.causalLm()).build()) {
            prompted.setActiveAdapters(List.of());

            assertThat(prompted.evaluate(BATCH, prompted.logits()).data())
                    .containsExactly(base.evaluate(BATCH, base.logits()).data(), within(1e-5f));
            assertThat(prompted.evaluate(BATCH, prompted.loss()).data()[0])
                    .isCloseTo(base.evaluate(BATCH, base.loss()).data()[0], within(1e-5f));
        }
    }

    @Test
    void withAPromptTheClassifierStillReadsTheLastRealTokenOnEitherPaddingSide() {
        try (ModelGraph prompted = gpt2(Head.classification(2)).adapter("p", ToyMethods.prompt(3, PROMPT)).build()) {
            Batch right = new Batch(1, 5, new int[] {3, 7, 1, 0, 0}, new int[] {1, 1, 1, 0, 0}, null, null);
            Batch left = new Batch(1, 5, new int[] {0, 0, 3, 7, 1}, new int[] {0, 0, 1, 1, 1}, null, null);
            Batch exact = Batch.of(new int[][] {{3, 7, 1}});

            float[] expected = prompted.evaluate(exact, prompted.logits()).data();
            assertThat(prompted.evaluate(right, prompted.logits()).data()).containsExactly(expected, within(1e-5f));
            assertThat(prompted.evaluate(left, prompted.logits()).data()).containsExactly(expected, within(1e-5f));
        }
    }

    @Test
    void bertPoolsItsRealClsTokenBehindThePromptAndLlamaRotatesOverPromptPositions() {
        BertConfig bert = TinyModels.bert();
        FloatTensor bertPrompt = TinyModels.normal(new Random(2), 0.5, 2, bert.hiddenSize());
        try (ModelGraph prompted = ModelBuilder.create(bert, TinyModels.store(TinyModels.bertWeights(bert, 2)),
                TinyModels.options(Head.classification(2))).adapter("p", ToyMethods.prompt(2, bertPrompt)).build()) {
            Batch batch = Batch.of(new int[][] {{2, 17, 5}});
            assertThat(prompted.evaluate(batch, prompted.hiddenStates()).shape()).containsExactly(1, 3, 8);
            prompted.setActiveAdapters(List.of());
            try (ModelGraph base = ModelBuilder.create(bert, TinyModels.store(TinyModels.bertWeights(bert, 2)),
                    TinyModels.options(Head.classification(2))).build()) {
                assertThat(prompted.evaluate(batch, prompted.logits()).data())
                        .containsExactly(base.evaluate(batch, base.logits()).data(), within(1e-5f));
            }
        }
        LlamaConfig llama = TinyModels.llama();
        FloatTensor llamaPrompt = TinyModels.normal(new Random(3), 0.5, 4, llama.hiddenSize());
        try (ModelGraph prompted = ModelBuilder.create(llama, TinyModels.store(TinyModels.llamaWeights(llama, 3)),
                TinyModels.options(Head.causalLm())).adapter("p", ToyMethods.prompt(4, llamaPrompt)).build()) {
            assertThat(prompted.evaluate(Batch.of(new int[][] {{4, 9, 30}}), prompted.logits()).shape())
                    .containsExactly(1, 3, llama.vocabSize());
        }
    }

    @Test
    void virtualTokensMustBeAStaticMatrixOfTheHiddenWidth() {
        var wrongWidth = ToyMethods.of("prompt_", MethodKind.PROMPT_LEARNING, s -> s.prependVirtualTokens(
                s.addVariable("prompt_embeddings", FloatTensor.zeros(3, 5))));

        assertThatThrownBy(() -> gpt2(Head.causalLm()).adapter("p", wrongWidth).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[count, 8]")
                .hasMessageContaining("[3, 5]");
    }

    @Test
    void promptAndRealTokensTogetherMustFitTheLearnedPositions() {
        try (ModelGraph prompted = gpt2(Head.causalLm()).adapter("p", ToyMethods.prompt(3, PROMPT)).build()) {
            Batch tooLong = Batch.of(new int[][] {new int[14]});

            assertThatThrownBy(() -> prompted.feed(tooLong, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("14 tokens plus 3 virtual tokens exceed the model's 16 positions")
                    .hasMessageContaining("truncate them to 13 tokens");
        }
    }
}
