package dev.peft4j.plugins.prompttuning;

import dev.peft4j.plugins.prompttuning.settings.PromptTuningSettings;
import dev.peft4j.plugins.prompttuning.settings.SavedPromptConfig;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSpec;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.TuningMethod;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Prompt tuning: one trainable matrix [num-virtual-tokens, hidden] named {@value #VARIABLE}, as in PEFT's
 * {@code adapter_model.safetensors}, prepended to every sequence's input embeddings. The prompt changes the model's
 * output from the first step and cannot be folded into weights: no capability is declared.
 */
public final class PromptTuningMethod implements TuningMethod {

    /** The variable's name, and the tensor's in {@code adapter_model.safetensors}. */
    public static final String VARIABLE = "prompt_embeddings";

    private final PromptTuningSettings settings;
    private final long seed;
    private final Integer savedTokenDim;
    private final boolean loaded;
    private ModelSpec model;
    private String modelNameOrPath;

    /** A new prompt, initialised as the settings say. */
    public static PromptTuningMethod created(PromptTuningSettings settings, long seed) {
        return new PromptTuningMethod(settings, seed, null, false);
    }

    /**
     * A saved prompt: its variable starts at zero (no tokenizer is needed) and the host assigns the saved tensor.
     *
     * @param savedTokenDim the width it was trained for, checked against the model; null when not recorded
     */
    public static PromptTuningMethod loaded(PromptTuningSettings settings, Integer savedTokenDim) {
        return new PromptTuningMethod(settings, 0, savedTokenDim, true);
    }

    private PromptTuningMethod(PromptTuningSettings settings, long seed, Integer savedTokenDim, boolean loaded) {
        this.settings = settings;
        this.seed = seed;
        this.savedTokenDim = savedTokenDim;
        this.loaded = loaded;
    }

    public PromptTuningSettings settings() {
        return settings;
    }

    @Override
    public MethodKind kind() {
        return MethodKind.PROMPT_LEARNING;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    @Override
    public String prefix() {
        return VARIABLE;
    }

    @Override
    public void inject(ModelSurgery surgery) {
        ModelSpec spec = surgery.model();
        int hidden = spec.hiddenSize();
        if (savedTokenDim != null && savedTokenDim != hidden) {
            throw new IllegalArgumentException("this soft prompt was trained for token_dim " + savedTokenDim
                    + " but the " + spec.architecture() + " model's embeddings are " + hidden
                    + " wide; load it onto the base model it was trained on");
        }
        int tokens = settings.numVirtualTokens();
        FloatTensor initial = loaded ? FloatTensor.zeros(tokens, hidden) : initial(surgery, tokens, hidden);
        Operand<TFloat32> embeddings = surgery.addVariable(VARIABLE, initial);
        surgery.prependVirtualTokens(embeddings);
        model = spec;
        modelNameOrPath = surgery.modelNameOrPath();
    }

    private FloatTensor initial(ModelSurgery surgery, int tokens, int hidden) {
        SplittableRandom random = new SplittableRandom(seed);
        return switch (settings.init()) {
            case RANDOM -> PromptEmbeddings.random(tokens, hidden, settings.randomStd(), random);
            case TEXT -> {
                long[] ids = PromptEmbeddings.fill(surgery.tokenize(settings.initText()), tokens);
                String name = surgery.wordEmbeddingName();
                yield PromptEmbeddings.rows(name, surgery.baseWeight(name), ids, hidden);
            }
            case SAMPLE_VOCAB -> {
                String name = surgery.wordEmbeddingName();
                FloatTensor vocabulary = surgery.baseWeight(name);
                yield PromptEmbeddings.rows(name, vocabulary, PromptEmbeddings.sample(tokens, vocabulary.dim(0), random),
                        hidden);
            }
        };
    }

    @Override
    public Map<String, Object> adapterConfig() {
        return SavedPromptConfig.write(settings, model, modelNameOrPath);
    }
}
