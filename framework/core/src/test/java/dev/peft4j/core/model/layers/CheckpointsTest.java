package dev.peft4j.core.model.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.method.FullFineTuning;
import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Feed;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.Labels;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.Precision;
import dev.peft4j.core.model.TinyModels;
import dev.peft4j.core.model.TrainableVariable;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.model.surgery.ToyLowRankMethod;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.TuningMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Gradient checkpointing must not change a single gradient: each model is built twice from the same weights and
 * seeds, with dropout on, once differentiated by TensorFlow and once block by block with every block rebuilt, and
 * every trained variable's gradient must agree.
 */
class CheckpointsTest {

    private static final int[][] IDS = {{3, 7, 1, 12, 5, 9, 0}, {0, 4, 4, 8, 11, 2, 6}};

    @Test
    void gpt2FullFineTuningWithTiedEmbeddingsGetsTheSameGradients() {
        var config = TinyModels.gpt2();
        assertSameGradients(config, TinyModels.gpt2Weights(config, 3), Head.causalLm(), FullFineTuning::new,
                lmBatch());
    }

    @Test
    void gpt2WithALowRankAdapterAndTheFrozenHeadsLossInChunksGetsTheSameGradients() {
        var config = TinyModels.gpt2();
        assertSameGradients(config, TinyModels.gpt2Weights(config, 7), Head.causalLm(),
                () -> new ToyLowRankMethod(2, 8), lmBatch());
        ModelOptions options = new ModelOptions(Head.causalLm(), Precision.FP32, true, 42, 1 << 20, true);
        try (ModelGraph model = ModelBuilder.create(config, TinyModels.store(TinyModels.gpt2Weights(config, 7)),
                options).adapter("default", new ToyLowRankMethod(2, 8)).build()) {
            assertThat(model.graph().operation("chunked_cross_entropy_4")).as("the loss in 4 chunks").isNotNull();
        }
    }

    @Test
    void bertClassificationWithALowRankAdapterGetsTheSameGradients() {
        var config = TinyModels.bert();
        assertSameGradients(config, TinyModels.bertWeights(config, 4), Head.classification(3),
                () -> new ToyLowRankMethod(2, 5),
                Batch.of(IDS).withLabels(new Labels.Classes(new int[] {2, 0})));
    }

    @Test
    void llamaFullFineTuningGetsTheSameGradients() {
        var config = TinyModels.llama();
        assertSameGradients(config, TinyModels.llamaWeights(config, 6), Head.causalLm(), FullFineTuning::new,
                lmBatch());
    }

    @Test
    void blocksThatDoNotFollowEachOtherAreRefused() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Checkpoints checkpoints = new Checkpoints(g, tf, true);
            Operand<TFloat32> x = tf.constant(new float[] {1, 2});
            checkpoints.block(x, in -> tf.math.mul(in, in));

            assertThatThrownBy(() -> checkpoints.block(x, in -> tf.math.mul(in, in)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("block 1 does not take the previous block's output");
        }
    }

    @Test
    void aDisabledInstanceBuildsEachBlockOnceAndDifferentiatesThroughTensorFlow() {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Checkpoints checkpoints = new Checkpoints(g, tf, false);
            var w = tf.variable(tf.constant(new float[] {3, -2}));
            int[] built = {0};
            Operand<TFloat32> y = checkpoints.block(w, in -> {
                built[0]++;
                return tf.math.mul(in, in);
            });
            Output<?>[] dw = checkpoints.gradients(tf.sum(y, tf.constant(0)), new Output<?>[] {w.asOutput()});
            s.initialize();

            assertThat(built[0]).isEqualTo(1);
            try (Result r = s.runner().fetch(dw[0]).run()) {
                assertThat(values(r.get(0))).containsExactly(6f, -4f);
            }
        }
    }

    private static float[] values(Tensor t) {
        float[] data = new float[(int) t.size()];
        ((TFloat32) t).copyTo(DataBuffers.of(data, false, false));
        return data;
    }

    private static Batch lmBatch() {
        int[] labels = new int[IDS.length * IDS[0].length];
        for (int b = 0; b < IDS.length; b++) {
            System.arraycopy(IDS[b], 0, labels, b * IDS[0].length, IDS[0].length);
        }
        return Batch.of(IDS).withLabels(new Labels.Tokens(labels));
    }

    private static void assertSameGradients(ModelConfig config, Map<String, FloatTensor> weights, Head head,
            Supplier<TuningMethod> method, Batch batch) {
        Map<String, float[]> plain = gradients(config, weights, head, method.get(), batch, false);
        Map<String, float[]> checkpointed = gradients(config, weights, head, method.get(), batch, true);

        assertThat(checkpointed.keySet()).containsExactlyElementsOf(plain.keySet());
        assertThat(plain).hasSizeGreaterThan(2);
        plain.forEach((name, expected) -> {
            float[] actual = checkpointed.get(name);
            float scale = 1e-6f;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("%s[%d]", name, i).isCloseTo(expected[i],
                        org.assertj.core.data.Offset.offset(1e-5f * scale));
            }
        });
    }

    private static Map<String, float[]> gradients(ModelConfig config, Map<String, FloatTensor> weights, Head head,
            TuningMethod method, Batch batch, boolean checkpointing) {
        // Dropout on: the rebuilt blocks must reuse the forward pass's masks.
        ModelOptions options = new ModelOptions(head, Precision.FP32, true, 42, 1 << 20, checkpointing);
        try (ModelGraph model = ModelBuilder.create(config, TinyModels.store(weights), options)
                .adapter("default", method).build()) {
            List<TrainableVariable> trainables = model.trainables();
            Output<?>[] xs = trainables.stream().map(v -> v.variable().asOutput()).toArray(Output<?>[]::new);
            Output<?>[] grads = model.backprop().gradients(model.loss(), xs);
            Map<String, float[]> out = new LinkedHashMap<>();
            try (Feed feed = model.feed(batch, true)) {
                Session.Runner runner = feed.applyTo(model.session().runner());
                List<String> names = new ArrayList<>();
                for (int i = 0; i < grads.length; i++) {
                    assertThat(grads[i]).as("gradient of %s", trainables.get(i).name()).isNotNull();
                    runner.fetch(grads[i]);
                    names.add(trainables.get(i).name());
                }
                try (Result r = runner.run()) {
                    for (int i = 0; i < names.size(); i++) {
                        out.put(names.get(i), values(r.get(i)));
                    }
                }
            }
            return out;
        }
    }
}
