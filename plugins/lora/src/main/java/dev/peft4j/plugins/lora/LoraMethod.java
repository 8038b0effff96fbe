package dev.peft4j.plugins.lora;

import dev.peft4j.plugins.lora.graph.DoraLayer;
import dev.peft4j.plugins.lora.graph.LoraLayer;
import dev.peft4j.plugins.lora.settings.LoraBias;
import dev.peft4j.plugins.lora.settings.LoraSettings;
import dev.peft4j.plugins.lora.settings.PeftLoraConfig;
import dev.peft4j.plugins.lora.targeting.LoraPlan;
import dev.peft4j.plugins.lora.targeting.LoraTarget;
import dev.peft4j.plugins.lora.targeting.PeftNames;
import dev.peft4j.plugins.lora.weights.LoraFactors;
import dev.peft4j.plugins.lora.weights.LoraMerge;
import dev.peft4j.plugins.lora.weights.LoraWeights;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.Dropout;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.MergeContext;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.TuningMethod;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.tensorflow.Operand;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * LoRA (and DoRA) on the linear layers chosen by the settings. Variables are named as in PEFT's
 * {@code adapter_model.safetensors}: {@code base_model.model.<module>.lora_A.weight} [r, in],
 * {@code ...lora_B.weight} [out, r], and with DoRA {@code ...lora_magnitude_vector} [out]. Trained biases and modules to
 * save are base weights made trainable with {@link ModelSurgery#unfreeze}, saved as {@code base_model.model.<name>}:
 * their names do not contain the {@link #prefix() prefix}.
 */
public final class LoraMethod implements TuningMethod {

    private final LoraSettings settings;
    private final long seed;
    private final Logger logger;
    private LoraPlan plan;

    /**
     * @param seed where the initial values and dropout masks come from: the same seed gives the same adapter on every
     *             injection
     */
    public LoraMethod(LoraSettings settings, long seed, Logger logger) {
        this.settings = settings;
        this.seed = seed;
        this.logger = logger;
    }

    public LoraSettings settings() {
        return settings;
    }

    @Override
    public MethodKind kind() {
        return MethodKind.LAYER_INJECTION;
    }

    /** B starts at zero for every initialisation, so the untrained adapter is the base model (DoRA: m = ‖W‖). */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.IDENTITY_AT_INIT, Capability.MERGEABLE);
    }

    @Override
    public String prefix() {
        return "lora_";
    }

    @Override
    public void inject(ModelSurgery surgery) {
        LoraPlan resolved = LoraPlan.resolve(settings, surgery.linearLayers(), surgery.defaultTargetModules());
        if (!resolved.unmatchedNames().isEmpty()) {
            logger.warn("{}.target-modules entries {} match no linear layer of this {} model (typos?)",
                    LoraSettings.PATH, resolved.unmatchedNames(), surgery.model().architecture());
        }
        if (settings.bias() != LoraBias.NONE && resolved.trainedBiases().isEmpty()) {
            logger.warn("{}.bias = {} but none of the chosen layers has a bias: no bias trains",
                    LoraSettings.PATH, settings.bias().settingName());
        }
        SplittableRandom random = new SplittableRandom(seed);
        Operand<TBool> training = settings.dropout() > 0 ? surgery.training() : null;
        for (LoraTarget target : resolved.targets()) {
            LinearLayer layer = target.layer();
            Operand<TFloat32> a = surgery.addVariable(PeftNames.loraA(layer.name()),
                    LoraWeights.initialA(settings.init(), target.rank(), layer.inFeatures(), random));
            Operand<TFloat32> b = surgery.addVariable(PeftNames.loraB(layer.name()),
                    LoraWeights.initialB(layer.outFeatures(), target.rank()));
            Dropout dropout = training == null ? Dropout.none() : Dropout.of(settings.dropout(), random.nextLong(), training);
            if (settings.useDora()) {
                FloatTensor weight = surgery.baseWeight(PeftNames.weight(layer.name()));
                Operand<TFloat32> magnitude = surgery.addVariable(PeftNames.magnitude(layer.name()),
                        LoraWeights.initialMagnitude(weight, layer.fanInFanOut()));
                surgery.wrapLinear(layer, new DoraLayer(layer, a, b, magnitude, target.scaling(), dropout));
            } else {
                surgery.wrapLinear(layer, new LoraLayer(a, b, target.scaling(), dropout));
            }
        }
        for (LinearLayer layer : resolved.trainedBiases()) {
            surgery.unfreeze(PeftNames.bias(layer.name()), PeftNames.saved(PeftNames.bias(layer.name())));
        }
        for (LinearLayer layer : resolved.modulesToSave()) {
            surgery.unfreeze(PeftNames.weight(layer.name()), PeftNames.saved(PeftNames.weight(layer.name())));
            if (layer.bias() != null) {
                surgery.unfreeze(PeftNames.bias(layer.name()), PeftNames.saved(PeftNames.bias(layer.name())));
            }
        }
        plan = resolved;
    }

    /** Before injection {@code target_modules} is what the settings say (null for the architecture default). */
    @Override
    public Map<String, Object> adapterConfig() {
        return plan == null
                ? PeftLoraConfig.write(settings, settings.targetModules().peftValue(), false)
                : PeftLoraConfig.write(settings, plan.peftTargetModules(settings), plan.fanInFanOut());
    }

    /**
     * Folds every adapted layer into its base weight (W + scaling·B·A, or DoRA's m ⊙ V / ‖V‖). All merged weights are
     * checked before any is replaced: when one would hold NaN or Inf, nothing changes. Trained biases and modules to
     * save are base weights already and need no folding.
     */
    @Override
    public void merge(MergeContext context) {
        if (plan == null) {
            throw new IllegalStateException("LoRA can only be merged after it was injected into a model");
        }
        List<LoraTarget> targets = plan.targets();
        for (LoraTarget target : targets) {
            try {
                merged(context, target);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; nothing was merged, the base weights are unchanged", e);
            }
        }
        for (LoraTarget target : targets) {
            context.replaceBaseWeight(PeftNames.weight(target.module()), merged(context, target));
        }
        logger.info("merged LoRA into {} layers", targets.size());
    }

    private FloatTensor merged(MergeContext context, LoraTarget target) {
        String module = target.module();
        LoraFactors factors = new LoraFactors(context.variable(PeftNames.loraA(module)),
                context.variable(PeftNames.loraB(module)), target.scaling());
        FloatTensor magnitude = settings.useDora() ? context.variable(PeftNames.magnitude(module)) : null;
        return LoraMerge.merged(PeftNames.weight(module), context.baseWeight(PeftNames.weight(module)),
                target.layer().fanInFanOut(), factors, magnitude);
    }
}
