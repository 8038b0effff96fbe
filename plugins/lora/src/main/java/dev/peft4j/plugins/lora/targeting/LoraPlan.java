package dev.peft4j.plugins.lora.targeting;

import dev.peft4j.plugins.lora.settings.LoraBias;
import dev.peft4j.plugins.lora.settings.LoraSettings;
import dev.peft4j.plugins.lora.settings.TargetModules;
import dev.peft4j.spi.method.LinearLayer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which layers of one model a LoRA configuration adapts, trains the bias of, or saves whole: the settings resolved
 * against the model's linear layers.
 *
 * @param targets        adapted layers, in graph order
 * @param trainedBiases  layers whose bias trains ({@code bias = all | lora-only})
 * @param modulesToSave  layers trained fully and saved with the adapter
 * @param unmatchedNames {@code target-modules} or {@code modules-to-save} entries that match no layer (likely typos)
 * @param defaultTargets the architecture's default names, used when the settings name none
 */
public record LoraPlan(
        List<LoraTarget> targets,
        List<LinearLayer> trainedBiases,
        List<LinearLayer> modulesToSave,
        List<String> unmatchedNames,
        List<String> defaultTargets) {

    public LoraPlan {
        targets = List.copyOf(targets);
        trainedBiases = List.copyOf(trainedBiases);
        modulesToSave = List.copyOf(modulesToSave);
        unmatchedNames = List.copyOf(unmatchedNames);
        defaultTargets = List.copyOf(defaultTargets);
    }

    /**
     * Resolves the settings against a model's layers. Fails when nothing at all is adapted, since training would then
     * change nothing but the head.
     */
    public static LoraPlan resolve(LoraSettings settings, List<LinearLayer> layers, List<String> defaultTargets) {
        TargetModules chosen = settings.targetModules() instanceof TargetModules.ArchitectureDefault
                ? new TargetModules.Names(defaultTargets)
                : settings.targetModules();
        Set<String> saved = new HashSet<>();
        List<LinearLayer> modulesToSave = new ArrayList<>();
        for (LinearLayer layer : layers) {
            if (settings.modulesToSave().stream().anyMatch(n -> TargetModules.Names.matchesName(layer.name(), n))) {
                modulesToSave.add(layer);
                saved.add(layer.name());
            }
        }
        List<LoraTarget> targets = new ArrayList<>();
        for (LinearLayer layer : layers) {
            if (chosen.matches(layer) && !settings.excludeModules().matches(layer) && inChosenBlocks(settings, layer)
                    && !saved.contains(layer.name())) {
                int rank = settings.rankOf(layer.name());
                double alpha = settings.alphaOf(layer.name());
                targets.add(new LoraTarget(layer, rank, alpha, settings.scaling(rank, alpha)));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(LoraSettings.PATH + ".target-modules " + describe(chosen)
                    + " matches no linear layer of this model; its linear layers are named like "
                    + layers.stream().limit(6).map(LinearLayer::name).toList());
        }
        List<LinearLayer> trainedBiases = new ArrayList<>();
        for (LinearLayer layer : layers) {
            boolean adapted = targets.stream().anyMatch(t -> t.layer() == layer);
            boolean trains = settings.bias() == LoraBias.ALL || settings.bias() == LoraBias.LORA_ONLY && adapted;
            if (trains && layer.bias() != null && !saved.contains(layer.name())) {
                trainedBiases.add(layer);
            }
        }
        return new LoraPlan(targets, trainedBiases, modulesToSave, unmatched(settings, chosen, layers), defaultTargets);
    }

    /** The {@code target_modules} value for {@code adapter_config.json}: the default names once resolved. */
    public Object peftTargetModules(LoraSettings settings) {
        return settings.targetModules() instanceof TargetModules.ArchitectureDefault
                ? defaultTargets
                : settings.targetModules().peftValue();
    }

    /** Whether the adapted layers store their weights [in, out] (GPT-2's Conv1D), PEFT's {@code fan_in_fan_out}. */
    public boolean fanInFanOut() {
        return targets.stream().anyMatch(t -> t.layer().fanInFanOut());
    }

    /** Values the adapters add (A, B and DoRA magnitudes), not counting trained biases or saved modules. */
    public long trainableParameters(boolean dora) {
        return targets.stream().mapToLong(t -> t.trainableParameters(dora)).sum();
    }

    private static boolean inChosenBlocks(LoraSettings settings, LinearLayer layer) {
        return settings.layersToTransform().isEmpty() || settings.layersToTransform().contains(layer.layerIndex());
    }

    private static List<String> unmatched(LoraSettings settings, TargetModules chosen, List<LinearLayer> layers) {
        List<String> unmatched = new ArrayList<>();
        List<String> named = new ArrayList<>(settings.modulesToSave());
        if (chosen instanceof TargetModules.Names names) {
            named.addAll(names.names());
        }
        for (String entry : named) {
            if (layers.stream().noneMatch(l -> TargetModules.Names.matchesName(l.name(), entry))) {
                unmatched.add(entry);
            }
        }
        return unmatched;
    }

    private static String describe(TargetModules chosen) {
        return chosen instanceof TargetModules.Names names ? names.names().toString() : String.valueOf(chosen.peftValue());
    }
}
