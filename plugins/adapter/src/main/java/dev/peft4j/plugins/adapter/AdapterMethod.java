package dev.peft4j.plugins.adapter;

import dev.peft4j.plugins.adapter.graph.BottleneckHook;
import dev.peft4j.plugins.adapter.graph.BottleneckWeights;
import dev.peft4j.plugins.adapter.settings.AdapterInit;
import dev.peft4j.plugins.adapter.settings.AdapterSettings;
import dev.peft4j.plugins.adapter.settings.Placement;
import dev.peft4j.plugins.adapter.settings.SavedAdapterConfig;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.Dropout;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSpec;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.TuningMethod;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Bottleneck adapters hooked onto the attention and/or feed-forward sub-layers of every block not left out, named as
 * {@link AdapterNames} says. They cannot be folded into the base weights (the non-linearity sits between the
 * projections), so the method is not mergeable.
 */
public final class AdapterMethod implements TuningMethod {

    private final AdapterSettings settings;
    private final long seed;
    private final Integer savedHiddenSize;
    private ModelSpec model;

    /**
     * @param seed            where the initial values and dropout masks come from: the same seed gives the same
     *                        adapters on every injection
     * @param savedHiddenSize the hidden size a loaded adapter was trained for, checked against the model; null for a
     *                        new adapter
     */
    public AdapterMethod(AdapterSettings settings, long seed, Integer savedHiddenSize) {
        this.settings = settings;
        this.seed = seed;
        this.savedHiddenSize = savedHiddenSize;
    }

    public AdapterSettings settings() {
        return settings;
    }

    @Override
    public MethodKind kind() {
        return MethodKind.LAYER_INJECTION;
    }

    /** The identity initialisation starts with a zero up-projection: the untrained adapters add exactly nothing. */
    @Override
    public Set<Capability> capabilities() {
        return settings.init() == AdapterInit.IDENTITY ? EnumSet.of(Capability.IDENTITY_AT_INIT)
                : EnumSet.noneOf(Capability.class);
    }

    @Override
    public String prefix() {
        return AdapterNames.PREFIX;
    }

    @Override
    public void inject(ModelSurgery surgery) {
        ModelSpec spec = surgery.model();
        int hidden = spec.hiddenSize();
        if (savedHiddenSize != null && savedHiddenSize != hidden) {
            throw new IllegalArgumentException("this adapter was trained for hidden size " + savedHiddenSize
                    + " but the " + spec.architecture() + " model has hidden size " + hidden
                    + "; load it onto the base model it was trained on");
        }
        int bottleneck = settings.bottleneckSize(hidden);
        SplittableRandom random = new SplittableRandom(seed);
        Operand<TBool> training = settings.dropout() > 0 ? surgery.training() : null;
        for (int block : settings.blocks(spec.numLayers())) {
            for (Placement placement : settings.placements()) {
                BottleneckWeights weights = addWeights(surgery, new AdapterNames(block, placement), hidden, bottleneck, random);
                Dropout dropout = training == null ? Dropout.none() : Dropout.of(settings.dropout(), random.nextLong(), training);
                surgery.hookSubLayer(block, placement.subLayer(), new BottleneckHook(weights, settings.nonLinearity(),
                        settings.parallel(), settings.layerNormEpsilon(), dropout));
            }
        }
        model = spec;
    }

    private BottleneckWeights addWeights(ModelSurgery surgery, AdapterNames names, int hidden, int bottleneck,
            SplittableRandom random) {
        Ops tf = surgery.tf();
        double std = settings.normalStd();
        Operand<TFloat32> down = surgery.addVariable(names.downWeight(),
                AdapterWeights.down(settings.init(), bottleneck, hidden, std, random));
        Operand<TFloat32> downBias = surgery.addVariable(names.downBias(), FloatTensor.zeros(bottleneck));
        Operand<TFloat32> up = surgery.addVariable(names.upWeight(),
                AdapterWeights.up(settings.init(), hidden, bottleneck, std, random));
        Operand<TFloat32> upBias = surgery.addVariable(names.upBias(), FloatTensor.zeros(hidden));
        Operand<TFloat32> scaling = settings.scaling().learned()
                ? surgery.addVariable(names.scaling(), AdapterWeights.ones(1))
                : tf.constant((float) settings.scaling().value());
        Operand<TFloat32> normWeight = null;
        Operand<TFloat32> normBias = null;
        if (settings.layerNorm()) {
            normWeight = surgery.addVariable(names.layerNormWeight(), AdapterWeights.ones(hidden));
            normBias = surgery.addVariable(names.layerNormBias(), FloatTensor.zeros(hidden));
        }
        return new BottleneckWeights(down, downBias, up, upBias, scaling, normWeight, normBias);
    }

    /** Records placement, sizes, reduction factor and non-linearity; the sizes once injected into a model. */
    @Override
    public Map<String, Object> adapterConfig() {
        return SavedAdapterConfig.write(settings, model);
    }
}
