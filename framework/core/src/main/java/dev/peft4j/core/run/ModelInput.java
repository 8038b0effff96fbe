package dev.peft4j.core.run;

import dev.peft4j.core.model.Batch;

/** A batch the trainer and evaluator handle that also knows how to become the model graph's input. */
interface ModelInput extends dev.peft4j.core.train.Batch {

    /** The batch as the model graph takes it; labels only when {@code withLabels} and the batch has them. */
    Batch toModelBatch(boolean withLabels);
}
