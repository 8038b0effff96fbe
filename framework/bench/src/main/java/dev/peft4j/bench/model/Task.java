package dev.peft4j.bench.model;

/** What one benchmark run does per step. */
public enum Task {
    /** LoRA on q and v: forward, backward and an Adam step on the LoRA factors only; the base model is frozen. */
    LORA_TRAIN("lora"),
    /** Full fine-tuning: forward, backward and an Adam step on every weight. */
    FULL_TRAIN("full"),
    /** Batch prediction: forward pass with the LM head, the loss and the arg-max token, no gradients. */
    INFERENCE("infer");

    private final String id;

    Task(String id) {
        this.id = id;
    }

    /** The short name used on the command line and in reports. */
    public String id() {
        return id;
    }

    public boolean trains() {
        return this != INFERENCE;
    }

    public boolean usesLora() {
        return this == LORA_TRAIN;
    }

    public static Task fromId(String id) {
        for (Task t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "': choose one of lora, full, infer");
    }
}
