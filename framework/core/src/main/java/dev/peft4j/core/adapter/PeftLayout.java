package dev.peft4j.core.adapter;

import dev.peft4j.core.model.Head;
import java.util.Set;

/** File and key names of Hugging Face PEFT's adapter folder, which peft4j reads and writes. */
public final class PeftLayout {

    /** The adapter's settings: the method's keys plus the common ones. */
    public static final String CONFIG = "adapter_config.json";
    /** The adapter's tensors, named as PEFT saves them. */
    public static final String WEIGHTS = "adapter_model.safetensors";
    /** PEFT's older PyTorch-pickle weights, which peft4j does not read (unpickling can run code). */
    public static final String PICKLED_WEIGHTS = "adapter_model.bin";
    /** The model card PEFT writes beside the adapter. */
    public static final String README = "README.md";
    /** Where PEFT saves the model's own tensors (trained biases, modules to save, the head) in an adapter file. */
    public static final String SAVED_PREFIX = "base_model.model.";

    public static final String PEFT_TYPE = "peft_type";
    public static final String TASK_TYPE = "task_type";
    public static final String BASE_MODEL = "base_model_name_or_path";
    public static final String INFERENCE_MODE = "inference_mode";
    public static final String MODULES_TO_SAVE = "modules_to_save";
    public static final String PEFT4J_VERSION = "peft4j_version";

    /**
     * The heads PEFT's {@code PeftModelForSequenceClassification} adds to {@code modules_to_save}, both of them
     * whatever the model, and the BERT modules that are new (and so saved like the head) when a checkpoint lacks them:
     * the pooler, and the masked-LM head's parts; the host saves and restores these itself, so methods never see these
     * names.
     */
    public static final Set<String> HEAD_MODULES = Set.of("classifier", "score", "bert.pooler.dense",
            "cls.predictions.transform.dense", "cls.predictions.transform.LayerNorm", "cls.predictions");

    private PeftLayout() {
    }

    /**
     * PEFT's {@code task_type} of a head: {@code CAUSAL_LM}, {@code SEQ_CLS} for classification and regression, null
     * for masked LM, for which PEFT has no task type (a plain {@code PeftModel} loads it).
     */
    public static String taskType(Head.Type head) {
        return switch (head) {
            case CAUSAL_LM -> "CAUSAL_LM";
            case MASKED_LM -> null;
            case SEQUENCE_CLASSIFICATION, REGRESSION -> "SEQ_CLS";
        };
    }
}
