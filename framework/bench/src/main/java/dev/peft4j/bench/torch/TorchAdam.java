package dev.peft4j.bench.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.peft4j.bench.model.AdamSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam through DJL's fused native update (the one its {@code Adam} optimizer calls), with our own m and v slots so
 * that they live as long as the model and not in a step's scope. The kernel has TensorFlow's form; fed the corrected
 * step size and epsilon of {@link AdamSettings} it computes PyTorch's (and peft4j's) AdamW update without weight decay.
 * The update also zeroes each parameter's gradient.
 */
final class TorchAdam {

    private static final float NO_WEIGHT_DECAY = 0f;
    private static final float NO_RESCALE = 1f;
    private static final float NO_CLIPPING = -1f;

    private final AdamSettings settings;
    private final List<NDArray> params;
    private final List<NDArray> means = new ArrayList<>();
    private final List<NDArray> variances = new ArrayList<>();
    private int updates;

    TorchAdam(NDManager manager, List<NDArray> params, AdamSettings settings) {
        this.settings = settings;
        this.params = List.copyOf(params);
        for (NDArray p : params) {
            means.add(manager.zeros(p.getShape()));
            variances.add(manager.zeros(p.getShape()));
        }
    }

    void update() {
        updates++;
        float corrected = settings.correctedLearningRate(updates);
        float epsilon = settings.correctedEpsilon(updates);
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            try (NDArray grad = p.getGradient()) {
                p.getNDArrayInternal().adamUpdate(
                        new NDList(p, grad, means.get(i), variances.get(i)), new NDList(p),
                        settings.learningRate(), corrected, NO_WEIGHT_DECAY, NO_RESCALE, NO_CLIPPING,
                        settings.beta1(), settings.beta2(), epsilon, true, false);
            }
        }
    }
}
