package dev.peft4j.core.model.surgery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Feed;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.Labels;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.TinyModels;
import dev.peft4j.core.model.TrainableVariable;
import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.config.LlamaConfig;
import dev.peft4j.spi.FloatTensor;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The loss gradient of a first-block adapter variable flows back through every op of the architecture (norms,
 * activations, attention with its masks, rotary embeddings, grouped-query heads, pooling, the loss); it must match
 * central differences. GPT-2's causal-LM case is in {@link ModelSurgeryTest}.
 */
class BackwardPassTest {

    @Test
    void bertClassificationGradientMatchesCentralDifferences() {
        BertConfig bert = TinyModels.bert();
        Batch batch = new Batch(2, 5, new int[] {2, 17, 5, 28, 0, 9, 3, 1, 4, 6}, new int[] {1, 1, 1, 1, 0, 1, 1, 1, 1, 1},
                new int[] {0, 0, 1, 1, 0, 0, 0, 0, 1, 1}, new Labels.Classes(new int[] {1, 0}));
        try (ModelGraph model = ModelBuilder.create(bert, TinyModels.store(TinyModels.bertWeights(bert, 2)),
                TinyModels.options(Head.classification(2))).adapter("default", new ToyLowRankMethod(2, 5)).build()) {
            assertGradientMatches(model, batch, "adapters/default/bert.encoder.layer.0.attention.self.query.toy_B.weight");
        }
    }

    @Test
    void llamaCausalLmGradientMatchesCentralDifferences() {
        LlamaConfig llama = TinyModels.llama();
        int[] ids = {4, 9, 30, 2, 2, 7, 1, 2, 3, 5, 8, 13};
        Batch batch = new Batch(2, 6, ids, new int[] {1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1}, null,
                new Labels.Tokens(new int[] {4, 9, 30, 2, 2, 7, -100, 2, 3, 5, 8, 13}));
        try (ModelGraph model = ModelBuilder.create(llama, TinyModels.store(TinyModels.llamaWeights(llama, 3)),
                TinyModels.options(Head.causalLm())).adapter("default", new ToyLowRankMethod(2, 5)).build()) {
            assertGradientMatches(model, batch, "adapters/default/model.layers.0.self_attn.q_proj.toy_B.weight");
        }
    }

    private static void assertGradientMatches(ModelGraph model, Batch batch, String variable) {
        FloatTensor start = TinyModels.normal(new Random(8), 0.3, model.read(variable).shape());
        model.write(variable, start);
        SgdStep step = new SgdStep(model, 0f);
        int index = step.variables().stream().map(TrainableVariable::name).toList().indexOf(variable);
        float[] analytic = fetch(model, batch, step.gradients()[index]);

        double eps = 3e-3;
        for (int i = 0; i < start.data().length; i += 3) {
            float[] plus = start.data().clone();
            float[] minus = start.data().clone();
            plus[i] += (float) eps;
            minus[i] -= (float) eps;
            model.write(variable, new FloatTensor(start.shape(), plus));
            double lossPlus = model.evaluate(batch, model.loss()).data()[0];
            model.write(variable, new FloatTensor(start.shape(), minus));
            double lossMinus = model.evaluate(batch, model.loss()).data()[0];
            double numeric = (lossPlus - lossMinus) / (2 * eps);
            assertThat((double) analytic[i]).as("d loss / d %s[%d]", variable, i)
                    .isCloseTo(numeric, within(2e-3 + 0.01 * Math.abs(numeric)));
        }
        assertThat(analytic).as("some gradient flows").isNotEqualTo(new float[analytic.length]);
    }

    private static float[] fetch(ModelGraph model, Batch batch, Output<?> output) {
        try (Feed feed = model.feed(batch, false);
                Result r = feed.applyTo(model.session().runner()).fetch(output).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] data = new float[(int) t.shape().size()];
            t.copyTo(DataBuffers.of(data, false, false));
            return data;
        }
    }
}
