package dev.peft4j.core.model.layers;

import dev.peft4j.core.model.Backprop;
import dev.peft4j.spi.method.DropoutMasks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gradient checkpointing: the forward pass keeps only each transformer block's input; the backward pass rebuilds a
 * block from it, once the gradient of the block's output exists, and differentiates the rebuilt block. Activations
 * held between the passes drop from every block's to one block's, at the price of a second forward pass through the
 * blocks.
 *
 * <p>In the forward graph each block reads its input through a {@code StopGradient}, so TensorFlow's own backward
 * pass ends at every block boundary; {@link #gradients} chains the segments itself: the head (the loss down to the
 * last block's output), each block from the last to the first, then the embeddings. A trained variable used in several
 * segments (a tied embedding) gets the sum. A rebuilt block reuses its forward pass's dropout masks
 * ({@link DropoutMasks}). Disabled, {@link #block} builds the block once and {@link #gradients} is TensorFlow's own.
 */
public final class Checkpoints implements Backprop {

    private record Segment(Operand<TFloat32> input, UnaryOperator<Operand<TFloat32>> body,
            List<Operand<TFloat32>> masks, Operand<TFloat32> output) {
    }

    private final Graph graph;
    private final Ops tf;
    private final boolean enabled;
    private final List<Segment> segments = new ArrayList<>();
    /** What the last block returned (its output behind a StopGradient): the next block's or the head's input. */
    private Operand<TFloat32> lastReturned;

    public Checkpoints(Graph graph, Ops tf, boolean enabled) {
        this.graph = graph;
        this.tf = tf;
        this.enabled = enabled;
    }

    /** Whether blocks are rebuilt for the backward pass (the heads then trade compute for memory too). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Builds one transformer block on {@code x}. Blocks must follow each other directly (each one's input is the
     * previous one's result), since the backward pass crosses only block boundaries and the embeddings.
     *
     * @param body builds the block on its input; called again, on a copy of the input, for the backward pass
     */
    public Operand<TFloat32> block(Operand<TFloat32> x, UnaryOperator<Operand<TFloat32>> body) {
        if (!enabled) {
            return body.apply(x);
        }
        if (!segments.isEmpty() && x != lastReturned) {
            throw new IllegalStateException("gradient checkpointing needs consecutive blocks: block "
                    + segments.size() + " does not take the previous block's output as its input; an architecture"
                    + " must pass each block's result straight to the next (or run with"
                    + " model.gradient-checkpointing = false)");
        }
        // The segment's input is what the rebuilt block will read: the embeddings' or the previous block's output.
        Operand<TFloat32> input = segments.isEmpty() ? x : segments.get(segments.size() - 1).output();
        Operand<TFloat32> stopped = segments.isEmpty() ? tf.stopGradient(x) : x;
        List<Operand<TFloat32>> masks = new ArrayList<>();
        Operand<TFloat32> output = DropoutMasks.record(masks, () -> body.apply(stopped));
        segments.add(new Segment(input, body, masks, output));
        lastReturned = tf.stopGradient(output);
        return lastReturned;
    }

    @Override
    public Output<?>[] gradients(Operand<TFloat32> y, Output<?>[] xs) {
        if (segments.isEmpty()) {
            return Backprop.plain(graph).gradients(y, xs);
        }
        List<List<Output<?>>> parts = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            parts.add(new ArrayList<>());
        }
        Output<?> outputGradient = differentiate(y.asOutput(), lastReturned.asOutput(), null, xs, parts, "head");
        for (int i = segments.size() - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            // Rebuilt only once the gradient of its output exists, so its activations live during its own backward
            // pass only. The control input also keeps Grappler from merging the copy into the forward pass's block.
            Operand<TFloat32> input = tf.withControlDependencyOps(List.of(outputGradient.op()))
                    .withName("checkpoint_" + i + "_input").stopGradient(s.input());
            Operand<TFloat32> rebuilt = DropoutMasks.replay(s.masks(), () -> s.body().apply(input));
            outputGradient = differentiate(rebuilt.asOutput(), input.asOutput(), outputGradient, xs, parts,
                    "block " + i);
        }
        // Below the first block: the embeddings (trained with prompt tuning or full fine-tuning).
        differentiate(segments.get(0).input().asOutput(), null, outputGradient, xs, parts, "embeddings");
        Output<?>[] sums = new Output<?>[xs.length];
        for (int i = 0; i < xs.length; i++) {
            List<Output<?>> p = parts.get(i);
            if (p.size() == 1) {
                sums[i] = p.get(0);
            } else if (p.size() > 1) {
                List<Operand<TFloat32>> terms = new ArrayList<>();
                p.forEach(o -> terms.add(o.expect(TFloat32.class)));
                sums[i] = tf.math.addN(terms).asOutput();
            }
        }
        return sums;
    }

    /**
     * Differentiates one segment: adds the gradients of the {@code xs} it uses to {@code parts} and returns its input's
     * (null without one). TensorFlow refuses to differentiate with respect to a tensor that does not reach y, so
     * only the variables on a path to y are asked for.
     */
    private Output<?> differentiate(Output<?> y, Output<?> input, Output<?> dy, Output<?>[] xs,
            List<List<Output<?>>> parts, String segment) {
        Set<Operation> upstream = upstream(y.op());
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (upstream.contains(xs[i].op())) {
                used.add(i);
            }
        }
        if (input != null && !upstream.contains(input.op())) {
            throw new IllegalStateException("the " + segment + " of the checkpointed model does not depend on its"
                    + " input '" + input.op().name() + "', so gradient checkpointing cannot chain the gradient through"
                    + " it: build each block from the input it is given, or set model.gradient-checkpointing = false");
        }
        List<Output<?>> targets = new ArrayList<>();
        if (input != null) {
            targets.add(input);
        }
        used.forEach(i -> targets.add(xs[i]));
        if (targets.isEmpty()) {
            return null;
        }
        Output<?>[] grads = graph.addGradients(null, new Output<?>[] {y}, targets.toArray(Output<?>[]::new),
                dy == null ? null : new Output<?>[] {dy});
        int offset = input == null ? 0 : 1;
        for (int k = 0; k < used.size(); k++) {
            if (grads[offset + k] != null) {
                parts.get(used.get(k)).add(grads[offset + k]);
            }
        }
        return input == null ? null : grads[0];
    }

    /** The ops {@code y} reads through data edges, not crossing a StopGradient (where a gradient ends). */
    private static Set<Operation> upstream(Operation y) {
        Set<Operation> seen = new HashSet<>();
        Deque<GraphOperation> open = new ArrayDeque<>();
        open.add((GraphOperation) y);
        seen.add(y);
        while (!open.isEmpty()) {
            GraphOperation op = open.poll();
            if (op.type().equals("StopGradient") && op != y) {
                continue;
            }
            for (int i = 0; i < op.numInputs(); i++) {
                GraphOperation in = (GraphOperation) op.input(i).op();
                if (seen.add(in)) {
                    open.add(in);
                }
            }
        }
        return seen;
    }
}
