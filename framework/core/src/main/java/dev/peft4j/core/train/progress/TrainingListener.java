package dev.peft4j.core.train.progress;

import dev.peft4j.core.train.RunPlan;
import dev.peft4j.core.train.TrainingResult;

/** Follows a training run; the trainer calls it on its own thread, in order. */
public interface TrainingListener {

    /**
     * The run starts, fresh ({@code startStep} 0) or resumed after step {@code startStep}.
     */
    default void onStart(RunPlan plan, long startStep) {
    }

    default void onStep(StepEvent event) {
    }

    default void onEvaluation(EvaluationEvent event) {
    }

    default void onEnd(TrainingResult result) {
    }
}
