package dev.peft4j.core.method;

import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.TuningMethod;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Full fine-tuning, the baseline the parameter-efficient methods are measured against: every base weight
 * (embeddings, norms, all layers, the head) is unfrozen and trained. It adds no variables, so the untrained model is
 * the base model. What it trains is the whole model, so a run saves a full checkpoint ({@code model.safetensors} and
 * {@code config.json}) rather than an adapter.
 */
public final class FullFineTuning implements TuningMethod {

    /** What {@link #adapterConfig()} records as {@code peft_type}; Hugging Face PEFT has no such type. */
    public static final String PEFT_TYPE = "FULL";

    @Override
    public MethodKind kind() {
        return MethodKind.LAYER_INJECTION;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.IDENTITY_AT_INIT);
    }

    /** Full fine-tuning adds no variables; the prefix only names its (empty) variable scope. */
    @Override
    public String prefix() {
        return "full";
    }

    /** Unfreezes every base weight, saved under its checkpoint name. */
    @Override
    public void inject(ModelSurgery surgery) {
        for (String name : surgery.baseWeightNames()) {
            surgery.unfreeze(name, name);
        }
    }

    @Override
    public Map<String, Object> adapterConfig() {
        return Map.of("peft_type", PEFT_TYPE);
    }
}
