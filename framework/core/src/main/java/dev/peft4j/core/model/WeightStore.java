package dev.peft4j.core.model;

import dev.peft4j.spi.FloatTensor;
import java.util.List;
import java.util.Set;

/**
 * Named tensors of a checkpoint, read on demand. Implementations widen F16/BF16 to F32 when read.
 */
public interface WeightStore extends AutoCloseable {

    Set<String> names();

    /** The stored shape of a tensor; fails naming the tensor and the file when it is absent. */
    List<Long> shape(String name);

    /** The tensor as fp32; fails naming the tensor and the file when it is absent. */
    FloatTensor read(String name);

    @Override
    void close();
}
