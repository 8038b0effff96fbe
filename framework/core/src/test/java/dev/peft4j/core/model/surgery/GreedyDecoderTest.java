package dev.peft4j.core.model.surgery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.model.GreedyDecoder;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.TinyModels;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.reference.Gpt2Reference;
import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GreedyDecoderTest {

    private static final Gpt2Config GPT2 = TinyModels.gpt2();
    private static final Map<String, FloatTensor> WEIGHTS = TinyModels.gpt2Weights(GPT2, 5);
    private static final int[] CONTEXT = {3, 17, 9};

    private static ModelBuilder lm() {
        return ModelBuilder.create(GPT2, TinyModels.store(WEIGHTS), TinyModels.options(Head.causalLm()));
    }

    @Test
    void greedyGenerationFollowsTheReferenceModelsArgmaxChain() {
        Gpt2Reference reference = new Gpt2Reference(GPT2, WEIGHTS);
        int[] sequence = CONTEXT.clone();
        for (int step = 0; step < 6; step++) {
            double[][] logits = reference.logits(sequence);
            double[] last = logits[sequence.length - 1];
            int best = 0;
            for (int v = 1; v < last.length; v++) {
                best = last[v] > last[best] ? v : best;
            }
            sequence = Arrays.copyOf(sequence, sequence.length + 1);
            sequence[sequence.length - 1] = best;
        }
        try (ModelGraph model = lm().build()) {
            assertThat(GreedyDecoder.generate(model, CONTEXT, 6, GreedyDecoder.NO_STOP))
                    .containsExactly(Arrays.copyOfRange(sequence, CONTEXT.length, sequence.length));
        }
    }

    /**
     * A soft prompt holding the word embeddings of tokens p is the same as writing p before the context: the prompted
     * model must generate what the base model generates after p + context, which it only does when the prompt is in
     * front at every step.
     */
    @Test
    void aSoftPromptStaysInFrontOfTheContextOnEveryStep() {
        int[] promptIds = {12, 4, 20, 7};
        FloatTensor wte = WEIGHTS.get("transformer.wte.weight");
        int h = GPT2.hiddenSize();
        float[] rows = new float[promptIds.length * h];
        for (int i = 0; i < promptIds.length; i++) {
            System.arraycopy(wte.data(), promptIds[i] * h, rows, i * h, h);
        }
        FloatTensor prompt = new FloatTensor(new long[] {promptIds.length, h}, rows);
        int[] written = new int[promptIds.length + CONTEXT.length];
        System.arraycopy(promptIds, 0, written, 0, promptIds.length);
        System.arraycopy(CONTEXT, 0, written, promptIds.length, CONTEXT.length);

        try (ModelGraph prompted = lm().adapter("p", ToyMethods.prompt(promptIds.length, prompt)).build();
                ModelGraph base = lm().build()) {
            int[] expected = GreedyDecoder.generate(base, written, 8, GreedyDecoder.NO_STOP);
            assertThat(GreedyDecoder.generate(prompted, CONTEXT, 8, GreedyDecoder.NO_STOP)).containsExactly(expected);
            prompted.setActiveAdapters(List.of());
            assertThat(GreedyDecoder.generate(prompted, CONTEXT, 8, GreedyDecoder.NO_STOP))
                    .containsExactly(GreedyDecoder.generate(base, CONTEXT, 8, GreedyDecoder.NO_STOP))
                    .isNotEqualTo(expected);
        }
    }

    @Test
    void generationStopsAtTheStopTokenAndNeedsACausalLm() {
        try (ModelGraph model = lm().build()) {
            int[] free = GreedyDecoder.generate(model, CONTEXT, 5, GreedyDecoder.NO_STOP);
            int later = 1;
            while (later < free.length - 1 && free[later] == free[0]) {
                later++;
            }
            assertThat(GreedyDecoder.generate(model, CONTEXT, 5, free[0])).containsExactly(free[0]);
            assertThat(GreedyDecoder.generate(model, CONTEXT, 5, free[later]))
                    .containsExactly(Arrays.copyOf(free, later + 1));
        }
        try (ModelGraph classifier = ModelBuilder.create(GPT2, TinyModels.store(WEIGHTS),
                TinyModels.options(Head.classification(2))).build()) {
            assertThatThrownBy(() -> GreedyDecoder.generate(classifier, CONTEXT, 2, GreedyDecoder.NO_STOP))
                    .hasMessageContaining("needs a causal-LM head");
        }
    }
}
