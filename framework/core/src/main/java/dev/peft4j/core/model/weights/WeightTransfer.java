package dev.peft4j.core.model.weights;

import dev.peft4j.spi.FloatTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Moves variable values between Java and the session in bulk copies (never element by element). */
final class WeightTransfer {

    private WeightTransfer() {
    }

    /**
     * Assigns several variables in one session run. Each value is copied into a native tensor as soon as it is read,
     * so the Java array can be collected; the native tensors are closed when the run returns.
     */
    static void assign(Session session, List<WeightSlot> slots, Function<WeightSlot, FloatTensor> values) {
        List<TFloat32> fed = new ArrayList<>(slots.size());
        try {
            Session.Runner runner = session.runner();
            for (WeightSlot slot : slots) {
                TFloat32 tensor = toTensor(values.apply(slot));
                fed.add(tensor);
                runner.feed(slot.input, tensor).addTarget(slot.assign);
            }
            runner.run().close();
        } finally {
            fed.forEach(TFloat32::close);
        }
    }

    static FloatTensor fetch(Session session, WeightSlot slot) {
        try (Result result = session.runner().fetch(slot.variable).run()) {
            return toFloatTensor((TFloat32) result.get(0));
        }
    }

    static TFloat32 toTensor(FloatTensor value) {
        return TFloat32.tensorOf(Shape.of(value.shape()), DataBuffers.of(value.data(), true, false));
    }

    static FloatTensor toFloatTensor(TFloat32 tensor) {
        float[] data = new float[Math.toIntExact(tensor.shape().size())];
        tensor.copyTo(DataBuffers.of(data, false, false));
        return new FloatTensor(tensor.shape().asArray(), data);
    }
}
