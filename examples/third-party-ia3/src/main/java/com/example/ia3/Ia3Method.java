package com.example.ia3;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.MergeContext;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.TuningMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * IA3: one learned vector per adapted linear layer, named as PEFT saves it, {@code base_model.model.<module>.ia3_l}:
 * [out, 1] scaling the output of key and value projections, [1, in] scaling the input of feed-forward down
 * projections. Starts at 1 (the identity) and folds into the weights exactly.
 */
public final class Ia3Method implements TuningMethod {

    static final String PEFT_TYPE = "IA3";
    private static final String SAVED_PREFIX = "base_model.model.";

    private final Ia3Settings settings;
    private final List<Target> targets = new ArrayList<>();
    private String architecture;

    private record Target(LinearLayer layer, boolean feedforward) {
        String vector() {
            return SAVED_PREFIX + layer.name() + ".ia3_l";
        }
    }

    public Ia3Method(Ia3Settings settings) {
        this.settings = settings;
    }

    @Override
    public MethodKind kind() {
        return MethodKind.LAYER_INJECTION;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.IDENTITY_AT_INIT, Capability.MERGEABLE);
    }

    @Override
    public String prefix() {
        return "ia3_l";
    }

    @Override
    public void inject(ModelSurgery surgery) {
        architecture = surgery.model().architecture();
        List<String> wanted = settings.targetsFor(architecture);
        List<String> feedforward = settings.feedforwardFor(architecture);
        for (LinearLayer layer : surgery.linearLayers()) {
            if (layer.layerIndex() < 0 || !Ia3Settings.matches(layer.name(), wanted)) {
                continue; // layers outside the blocks (pooler, heads) are never adapted
            }
            Target target = new Target(layer, Ia3Settings.matches(layer.name(), feedforward));
            long[] shape = target.feedforward()
                    ? new long[] {1, layer.inFeatures()}
                    : new long[] {layer.outFeatures(), 1};
            float[] ones = new float[Math.toIntExact(shape[0] * shape[1])];
            Arrays.fill(ones, 1f);
            Variable<TFloat32> vector = surgery.addVariable(target.vector(), new FloatTensor(shape, ones));
            surgery.wrapLinear(layer, new Ia3Hook(layer, vector, target.feedforward()));
            targets.add(target);
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(Ia3Settings.PATH + ".target-modules " + wanted + " match no linear layer"
                    + " of this " + architecture + " model");
        }
    }

    @Override
    public Map<String, Object> adapterConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("peft_type", PEFT_TYPE);
        config.put("target_modules", architecture == null ? nullIfEmpty(settings.targetModules())
                : settings.targetsFor(architecture));
        config.put("feedforward_modules", architecture == null ? nullIfEmpty(settings.feedforwardModules())
                : settings.feedforwardFor(architecture));
        config.put("fan_in_fan_out", targets.stream().anyMatch(t -> t.layer().fanInFanOut()));
        config.put("init_ia3_weights", true);
        config.put("exclude_modules", null);
        config.put("modules_to_save", null);
        return config;
    }

    /** W scaled per output row (and the bias with it), or per input column for a feed-forward module. */
    @Override
    public void merge(MergeContext context) {
        for (Target target : targets) {
            LinearLayer layer = target.layer();
            float[] l = context.variable(target.vector()).data();
            FloatTensor weight = context.baseWeight(layer.name() + ".weight");
            float[] w = weight.data().clone();
            int in = layer.inFeatures();
            int out = layer.outFeatures();
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    int index = layer.fanInFanOut() ? i * out + o : o * in + i;
                    w[index] *= target.feedforward() ? l[i] : l[o];
                }
            }
            context.replaceBaseWeight(layer.name() + ".weight", new FloatTensor(weight.shape(), w));
            if (!target.feedforward() && layer.bias() != null) {
                FloatTensor bias = context.baseWeight(layer.name() + ".bias");
                float[] b = bias.data().clone();
                for (int o = 0; o < out; o++) {
                    b[o] *= l[o];
                }
                context.replaceBaseWeight(layer.name() + ".bias", new FloatTensor(bias.shape(), b));
            }
        }
    }

    private static List<String> nullIfEmpty(List<String> modules) {
        return modules.isEmpty() ? null : modules;
    }
}
