package dev.peft4j.core.model.surgery;

import dev.peft4j.spi.method.LinearHook;
import dev.peft4j.spi.method.SubLayer;
import dev.peft4j.spi.method.SubLayerHook;
import dev.peft4j.spi.method.Switch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * What the adapters asked for while they were injected, applied later while the forward graph is built. Every hook
 * is gated by its adapter's switch ({@link Switch}: the hooked value while active, else the unhooked), so a
 * switched-off adapter gives the unhooked value exactly, and hooks of several adapters on one layer chain in injection
 * order.
 */
public final class HookPlan {

    /** A hook and the adapter that owns it. */
    record Gated<H>(Ops tf, Operand<TBool> active, H hook) {
    }

    /** Virtual tokens [length, hidden] an adapter prepends; {@code active} also masks them in and out. */
    public record Prompt(String adapter, Operand<TFloat32> embeddings, int length, Operand<TBool> active) {
    }

    private record SubLayerKey(int layerIndex, SubLayer subLayer) {
    }

    private final Map<String, List<Gated<LinearHook>>> linearHooks = new HashMap<>();
    private final Map<SubLayerKey, List<Gated<SubLayerHook>>> subLayerHooks = new HashMap<>();
    private final List<Prompt> prompts = new ArrayList<>();

    void addLinear(String layerName, Gated<LinearHook> hook) {
        linearHooks.computeIfAbsent(layerName, k -> new ArrayList<>()).add(hook);
    }

    void addSubLayer(int layerIndex, SubLayer subLayer, Gated<SubLayerHook> hook) {
        subLayerHooks.computeIfAbsent(new SubLayerKey(layerIndex, subLayer), k -> new ArrayList<>()).add(hook);
    }

    void addPrompt(Prompt prompt) {
        prompts.add(prompt);
    }

    /** Prompts in injection order; the sequence is [prompt 1, prompt 2, ..., real tokens]. */
    public List<Prompt> prompts() {
        return List.copyOf(prompts);
    }

    public int promptLength() {
        return prompts.stream().mapToInt(Prompt::length).sum();
    }

    /** @param input [tokens, in]; @param output the frozen layer's output [tokens, out] */
    public Operand<TFloat32> applyLinear(Ops tf, String layerName, Operand<TFloat32> input, Operand<TFloat32> output) {
        Operand<TFloat32> current = output;
        for (Gated<LinearHook> g : linearHooks.getOrDefault(layerName, List.of())) {
            current = Switch.choose(tf, g.active(), g.hook().apply(g.tf(), input, current), current);
        }
        return current;
    }

    /** @param input the sub-layer's input [tokens, hidden]; @param output its output before the residual add */
    public Operand<TFloat32> applySubLayer(Ops tf, int layerIndex, SubLayer subLayer, Operand<TFloat32> input,
            Operand<TFloat32> output) {
        Operand<TFloat32> current = output;
        for (Gated<SubLayerHook> g : subLayerHooks.getOrDefault(new SubLayerKey(layerIndex, subLayer), List.of())) {
            current = Switch.choose(tf, g.active(), g.hook().apply(g.tf(), input, current), current);
        }
        return current;
    }
}
