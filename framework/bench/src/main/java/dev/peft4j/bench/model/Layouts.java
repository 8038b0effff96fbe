package dev.peft4j.bench.model;

import java.util.List;

/** The weights of a task's model, whichever family its shape is. */
public final class Layouts {

    private Layouts() {
    }

    /** Every weight the task's model holds, adapters included. */
    public static List<TensorSpec> forTask(ModelShape shape, Task task) {
        if (shape instanceof GptShape gpt) {
            return GptLayout.forTask(gpt, task);
        }
        return BertLayout.all((BertShape) shape);
    }

    /** The weights the task trains (none for inference). */
    public static List<TensorSpec> trainable(ModelShape shape, Task task) {
        if (shape instanceof GptShape gpt) {
            return GptLayout.trainable(gpt, task);
        }
        return BertLayout.trainable((BertShape) shape);
    }
}
