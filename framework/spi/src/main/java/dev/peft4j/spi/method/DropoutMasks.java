package dev.peft4j.spi.method;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The dropout masks of a transformer block, for gradient checkpointing: the host builds a block once for the forward
 * pass, recording every mask its dropouts draw, and again for the backward pass, where each dropout gets the recorded
 * mask back instead of drawing a new one (a new draw would differentiate a different network than the one that
 * computed the loss). {@link Dropout} takes its masks from here; a method with its own random op should too.
 *
 * <p>Graph building is single-threaded; the recording or replay in progress belongs to the building thread.
 */
public final class DropoutMasks {

    private static final ThreadLocal<DropoutMasks> ACTIVE = new ThreadLocal<>();
    private static final String HOW = "a method's hooks must draw the same dropouts on every call (through Dropout or"
            + " DropoutMasks.next), or run with model.gradient-checkpointing = false";

    private final List<Operand<TFloat32>> masks;
    private final boolean replaying;
    private int next;

    private DropoutMasks(List<Operand<TFloat32>> masks, boolean replaying) {
        this.masks = masks;
        this.replaying = replaying;
    }

    /** Builds {@code body}, returning what it built and adding every mask its dropouts draw to {@code masks}. */
    public static <T> T record(List<Operand<TFloat32>> masks, Supplier<T> body) {
        return within(new DropoutMasks(masks, false), body);
    }

    /**
     * Builds {@code body} again, handing its dropouts the recorded {@code masks} in order.
     *
     * @throws IllegalStateException when the body asks for more or fewer masks than were recorded (it is not built
     *                               the same way twice)
     */
    public static <T> T replay(List<Operand<TFloat32>> masks, Supplier<T> body) {
        DropoutMasks replay = new DropoutMasks(new ArrayList<>(masks), true);
        T built = within(replay, body);
        if (replay.next != masks.size()) {
            throw new IllegalStateException("a rebuilt block used " + replay.next + " dropout masks but its forward"
                    + " pass drew " + masks.size() + ": the block does not build the same way twice; " + HOW);
        }
        return built;
    }

    /**
     * The mask for the next dropout: {@code draw}'s (recorded when a recording is in progress), or, when a block is
     * rebuilt, the mask its forward pass drew at this point.
     */
    public static Operand<TFloat32> next(Supplier<Operand<TFloat32>> draw) {
        DropoutMasks active = ACTIVE.get();
        if (active == null) {
            return draw.get();
        }
        if (!active.replaying) {
            Operand<TFloat32> mask = draw.get();
            active.masks.add(mask);
            return mask;
        }
        if (active.next == active.masks.size()) {
            throw new IllegalStateException("a rebuilt block asked for dropout mask " + (active.next + 1)
                    + " but its forward pass drew only " + active.masks.size()
                    + ": the block does not build the same way twice; " + HOW);
        }
        return active.masks.get(active.next++);
    }

    /**
     * The shape to draw a dropout mask for {@code x} in: x's own while {@code training}, otherwise all ones (a single
     * element that broadcasts over x). A graph computes its masks in evaluation too, where they are not used; drawn
     * at full size they took about a fifth of the example model's prediction time (framework/bench/README.md).
     */
    public static Operand<TInt32> shape(Ops tf, Operand<TBool> training, Operand<TFloat32> x) {
        Operand<TInt32> shape = tf.shape(x);
        return tf.select(training, shape, tf.onesLike(shape));
    }

    private static <T> T within(DropoutMasks masks, Supplier<T> body) {
        if (ACTIVE.get() != null) {
            throw new IllegalStateException("dropout masks are already being recorded or replayed on this thread");
        }
        ACTIVE.set(masks);
        try {
            return body.get();
        } finally {
            ACTIVE.remove();
        }
    }
}
