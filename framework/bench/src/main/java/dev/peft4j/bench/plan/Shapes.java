package dev.peft4j.bench.plan;

import dev.peft4j.bench.model.BertShape;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.ModelShape;
import dev.peft4j.bench.model.Task;

/** The model each task runs on: the GPT-2-shaped decoder, or the example job's MiniLM-shaped classifier. */
public record Shapes(GptShape gpt, BertShape miniLm) {

    public Shapes {
        if (gpt == null || miniLm == null) {
            throw new IllegalArgumentException("both shapes are required");
        }
    }

    public ModelShape forTask(Task task) {
        return task.bert() ? miniLm : gpt;
    }
}
