package dev.peft4j.bench.model;

/** What one benchmark run does per step, and on which model. */
public enum Task {
    /** GPT-2 shape, LoRA on c_attn: forward, backward and an AdamW step on the LoRA factors only; the base is frozen. */
    LORA_TRAIN("lora", false),
    /** GPT-2 shape, full fine-tuning: forward, backward and an AdamW step on every weight. */
    FULL_TRAIN("full", false),
    /** GPT-2 shape, batch prediction: forward pass with the LM head, the loss and the arg-max token, no gradients. */
    INFERENCE("infer", false),
    /**
     * The shipped example job ({@code examples/sst2-lora.conf}): all-MiniLM-L6-v2's shape with a classification head,
     * LoRA on query and value; AdamW on the LoRA factors, the new pooler and the classifier.
     */
    MINILM_LORA("minilm-lora", true);

    private final String id;
    private final boolean bert;

    Task(String id, boolean bert) {
        this.id = id;
        this.bert = bert;
    }

    /** The short name used on the command line and in reports. */
    public String id() {
        return id;
    }

    public boolean trains() {
        return this != INFERENCE;
    }

    public boolean usesLora() {
        return this == LORA_TRAIN || this == MINILM_LORA;
    }

    /** True for the BERT classification task, false for the GPT-2 causal-LM tasks. */
    public boolean bert() {
        return bert;
    }

    public static Task fromId(String id) {
        for (Task t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "': choose one of lora, full, infer, minilm-lora");
    }
}
