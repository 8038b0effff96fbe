package dev.peft4j.bench.model;

import dev.peft4j.spi.FloatTensor;

/**
 * Where a workload gets its initial weights. Tensors are produced one at a time on request so that no engine needs the
 * whole model twice in Java memory; every engine asks for the same names and receives the same values.
 */
public interface WeightSource {

    /** The initial value of the weight described by {@code spec}; each call returns a fresh array. */
    FloatTensor tensor(TensorSpec spec);
}
