package dev.peft4j.spi.method;

import dev.peft4j.spi.FloatTensor;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The host-owned view of a base model graph that a tuning method modifies. Every variable a method adds is
 * trainable, saved with the adapter under the name it was given, and must contain the method's
 * {@link TuningMethod#prefix() prefix}.
 */
public interface ModelSurgery {

    /** Builds ops in the model's graph. */
    Ops tf();

    ModelSpec model();

    /** Every linear layer of the base model, in graph order. */
    List<LinearLayer> linearLayers();

    /** The layers a PEFT {@code target_modules} of {@code "default"} means for this architecture (e.g. query, value). */
    List<String> defaultTargetModules();

    /**
     * Adds a trainable variable.
     *
     * @param name    its key in {@code adapter_model.safetensors}, e.g.
     *                {@code base_model.model.encoder.layer.0.attention.self.query.lora_A.weight}
     * @param initial its shape and initial value
     */
    Variable<TFloat32> addVariable(String name, FloatTensor initial);

    /** Makes a frozen base weight trainable and saved with the adapter under {@code savedName}. */
    Variable<TFloat32> unfreeze(String baseWeightName, String savedName);

    /** A frozen base weight's current value, by its checkpoint name (e.g. for DoRA norms or text-initialised prompts). */
    FloatTensor baseWeight(String name);

    /** Hooks a linear layer's output; several hooks on one layer apply in registration order. */
    void wrapLinear(LinearLayer layer, LinearHook hook);

    /** Hooks the output of a sub-layer of transformer block {@code layerIndex}. */
    void hookSubLayer(int layerIndex, SubLayer subLayer, SubLayerHook hook);

    /**
     * Prepends trainable embeddings [virtualTokens, hidden] to every sequence. The host extends the attention mask
     * and keeps these positions out of the loss and of the classification head's pooling.
     */
    void prependVirtualTokens(Operand<TFloat32> embeddings);

    /** True while training, false in evaluation and inference: gates dropout. */
    Operand<TBool> training();
}
