package dev.peft4j.core.model.layers;

import dev.peft4j.core.model.surgery.HookPlan;
import org.tensorflow.op.Ops;

/** What every building block needs while the forward graph is built. */
public record BuildContext(Ops tf, Compute compute, Dropout dropout, HookPlan hooks, Checkpoints checkpoints) {
}
