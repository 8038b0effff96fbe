package dev.peft4j.core.data.load;

import dev.peft4j.spi.metric.TaskType;

/** What the label column holds. */
public enum LabelKind {
    /** A class name, any text. */
    CLASS,
    /** A class written as an integer; anything else is a bad row. Classes sort numerically. */
    INTEGER,
    /** A real number to regress on; anything that is not a finite number is a bad row. */
    FLOAT;

    public TaskType task() {
        return this == FLOAT ? TaskType.REGRESSION : TaskType.CLASSIFICATION;
    }
}
