package dev.peft4j.spi.method;

import java.util.Map;
import java.util.Set;

/** One configured PEFT method, ready to be injected into a base model. */
public interface TuningMethod {

    MethodKind kind();

    /** Promises the host's contract tests hold this method to. */
    Set<Capability> capabilities();

    /** A marker every variable name of this method contains, e.g. {@code lora_} or {@code prompt_embeddings}. */
    String prefix();

    /** Adds the method's variables and hooks to the model. Called once per model graph. */
    void inject(ModelSurgery surgery);

    /**
     * The method's keys of {@code adapter_config.json}, as Hugging Face PEFT names them ({@code peft_type}, {@code r},
     * ...). The host adds the common ones ({@code base_model_name_or_path}, {@code task_type}, {@code inference_mode},
     * the peft4j version).
     */
    Map<String, Object> adapterConfig();

    /** Folds the trained method into the base weights. Only called when {@link Capability#MERGEABLE} is declared. */
    default void merge(MergeContext context) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be merged into the base weights");
    }
}
