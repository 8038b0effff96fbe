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

    /**
     * The checkpoint names of every base weight of the model (embeddings, norms, every layer's weights, and the task
     * head), each accepted by {@link #baseWeight} and {@link #unfreeze}: what full fine-tuning unfreezes.
     *
     * @throws UnsupportedOperationException when the host does not list them
     */
    default List<String> baseWeightNames() {
        throw new UnsupportedOperationException("this host does not list the base weights to tuning methods");
    }

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

    /**
     * Token ids of {@code text} as the base model's tokenizer encodes it, special tokens included and untruncated:
     * what Hugging Face's {@code tokenizer(text)["input_ids"]} gives. Prompt tuning's text initialisation needs it.
     *
     * @throws UnsupportedOperationException when the host gives methods no tokenizer
     */
    default long[] tokenize(String text) {
        throw new UnsupportedOperationException("this host gives tuning methods no access to the tokenizer");
    }

    /**
     * The checkpoint name of the word (token) embedding matrix [vocab, hidden], readable with {@link #baseWeight}:
     * e.g. {@code transformer.wte.weight} (GPT-2), {@code bert.embeddings.word_embeddings.weight} (BERT),
     * {@code model.embed_tokens.weight} (LLaMA).
     *
     * @throws UnsupportedOperationException when the host does not name it
     */
    default String wordEmbeddingName() {
        throw new UnsupportedOperationException("this host does not name the word embedding matrix to tuning methods");
    }

    /**
     * The base model's name or path as the host saves it in {@code base_model_name_or_path}, or null when unknown.
     * Prompt tuning records it as {@code tokenizer_name_or_path}, which PEFT requires for a text initialisation.
     */
    default String modelNameOrPath() {
        return null;
    }
}
