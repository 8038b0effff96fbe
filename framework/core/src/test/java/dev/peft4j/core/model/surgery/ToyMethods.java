package dev.peft4j.core.model.surgery;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.SubLayer;
import dev.peft4j.spi.method.TuningMethod;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Small test-only methods, each exercising one part of {@link ModelSurgery}. */
final class ToyMethods {

    private ToyMethods() {
    }

    /** A method whose injection is the given lambda. */
    static TuningMethod of(String prefix, MethodKind kind, Consumer<ModelSurgery> inject) {
        return new TuningMethod() {
            @Override
            public MethodKind kind() {
                return kind;
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public String prefix() {
                return prefix;
            }

            @Override
            public void inject(ModelSurgery surgery) {
                inject.accept(surgery);
            }

            @Override
            public Map<String, Object> adapterConfig() {
                return Map.of();
            }
        };
    }

    /** Adds a learned per-feature shift {@code output + s} after both sub-layers of every block; s starts at 0. */
    static TuningMethod shiftAfterSubLayers() {
        return of("shift_", MethodKind.LAYER_INJECTION, surgery -> {
            int hidden = surgery.model().hiddenSize();
            for (int i = 0; i < surgery.model().numLayers(); i++) {
                for (SubLayer sub : SubLayer.values()) {
                    Variable<TFloat32> shift = surgery.addVariable("layer." + i + "." + sub + ".shift_vector",
                            FloatTensor.zeros(hidden));
                    surgery.hookSubLayer(i, sub, (tf, input, output) -> tf.math.add(output, shift));
                }
            }
        });
    }

    /** Prepends {@code count} trainable virtual tokens initialised from {@code init}. */
    static TuningMethod prompt(int count, FloatTensor init) {
        return of("prompt_embeddings", MethodKind.PROMPT_LEARNING, surgery ->
                surgery.prependVirtualTokens(surgery.addVariable("prompt_embeddings", init)));
    }
}
