package dev.peft4j.spi.method;

import dev.peft4j.spi.FloatTensor;

/** What a mergeable method sees when it folds itself into the base weights. */
public interface MergeContext {

    /** The trained value of one of the method's variables, by the name it was added under. */
    FloatTensor variable(String name);

    /** A base weight's current value, by checkpoint name. */
    FloatTensor baseWeight(String name);

    /** Replaces a base weight; the host refuses values containing NaN or Inf, naming the weight. */
    void replaceBaseWeight(String name, FloatTensor value);
}
