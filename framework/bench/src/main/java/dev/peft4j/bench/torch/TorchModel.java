package dev.peft4j.bench.torch;

import ai.djl.ndarray.NDArray;

/** A benchmark model in PyTorch eager ops: logits for token ids, and the task's loss. */
interface TorchModel {

    /** @param inputs token ids [batch, seq], int64 */
    NDArray logits(NDArray inputs);

    /** The scalar mean loss of {@code logits} against {@code targets} (int64: next tokens [batch, seq] or classes [batch]). */
    NDArray loss(NDArray logits, NDArray targets);
}
