package dev.peft4j.core.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.safetensors.SafetensorsFile;
import dev.peft4j.core.safetensors.SafetensorsFormatException;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads adapter folders in Hugging Face PEFT's layout, written by Python PEFT or by peft4j: finds the tuning method
 * whose {@link TuningMethodFactory#peftType()} the config's {@code peft_type} names and lets it rebuild itself from
 * the config. The tensors are assigned later, once the method is part of a built model ({@link SavedAdapter#restore}).
 *
 * <pre>{@code
 * AdapterReader reader = new AdapterReader(registry.entries().stream().map(e -> e.factory()).toList(),
 *         factory -> new HostPluginContext(factory.name(), seed, workRoot));
 * SavedAdapter saved = reader.read(Path.of("my-adapter"));
 * try (ModelGraph model = SavedAdapter.build(builder, Map.of("default", saved))) { ... }
 * }</pre>
 */
public final class AdapterReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<TuningMethodFactory> methods;
    private final Function<TuningMethodFactory, PluginContext> contexts;

    /**
     * @param methods  the installed tuning methods (e.g. the registry's factories)
     * @param contexts the context each method gets while it reads a config
     */
    public AdapterReader(Collection<? extends TuningMethodFactory> methods,
            Function<TuningMethodFactory, PluginContext> contexts) {
        this.methods = List.copyOf(methods);
        this.contexts = contexts;
    }

    /**
     * Reads {@code adapter_config.json}, rebuilds the method and checks that {@code adapter_model.safetensors} is a
     * valid safetensors file.
     *
     * @throws AdapterException naming the folder, file or key for every problem
     */
    public SavedAdapter read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AdapterException("no adapter folder at " + dir.toAbsolutePath() + "; give the folder that holds "
                    + PeftLayout.CONFIG + " and " + PeftLayout.WEIGHTS);
        }
        Path configFile = dir.resolve(PeftLayout.CONFIG);
        Path weightsFile = dir.resolve(PeftLayout.WEIGHTS);
        if (!Files.isRegularFile(configFile)) {
            throw new AdapterException(dir.toAbsolutePath() + " has no " + PeftLayout.CONFIG + "; an adapter folder as "
                    + "Hugging Face PEFT writes it holds " + PeftLayout.CONFIG + " and " + PeftLayout.WEIGHTS);
        }
        checkWeights(dir, weightsFile);
        Map<String, Object> config = parse(configFile);
        TuningMethodFactory factory = methodFor(configFile, config);
        TuningMethod method;
        try {
            method = factory.fromAdapterConfig(withoutHeadModules(config), contexts.apply(factory));
        } catch (IllegalArgumentException e) {
            throw new AdapterException("cannot load the adapter " + configFile + " with the " + factory.name()
                    + " method: " + e.getMessage(), e);
        }
        return new SavedAdapter(dir, config, factory.name(), method);
    }

    private static void checkWeights(Path dir, Path weightsFile) {
        if (!Files.isRegularFile(weightsFile)) {
            if (Files.exists(dir.resolve(PeftLayout.PICKLED_WEIGHTS))) {
                throw new AdapterException(dir.toAbsolutePath() + " holds " + PeftLayout.PICKLED_WEIGHTS
                        + " (PyTorch pickle), which peft4j does not read because unpickling can run code; re-save it "
                        + "in Python with model.save_pretrained(dir, safe_serialization=True) to get "
                        + PeftLayout.WEIGHTS);
            }
            throw new AdapterException(dir.toAbsolutePath() + " has no " + PeftLayout.WEIGHTS
                    + "; an adapter folder holds the adapter's tensors there");
        }
        try (SafetensorsFile file = SafetensorsFile.open(weightsFile)) {
            file.names(); // the header is validated on open
        } catch (SafetensorsFormatException e) {
            throw new AdapterException("the adapter's tensors cannot be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> parse(Path configFile) {
        try {
            Map<String, Object> config = JSON.readValue(Files.readString(configFile), new TypeReference<>() { });
            if (config == null) {
                throw new AdapterException(configFile + " is empty; it must hold a JSON object");
            }
            return config;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new AdapterException(configFile + " is not a JSON object" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AdapterException("cannot read " + configFile + ": " + e.getMessage(), e);
        }
    }

    private TuningMethodFactory methodFor(Path configFile, Map<String, Object> config) {
        Object peftType = config.get(PeftLayout.PEFT_TYPE);
        if (!(peftType instanceof String type) || type.isBlank()) {
            throw new AdapterException(configFile + ": key 'peft_type' is " + (peftType == null ? "missing" : "not a "
                    + "string: " + peftType) + "; it names the method that wrote the adapter, e.g. \"LORA\"");
        }
        List<TuningMethodFactory> readers = methods.stream().filter(m -> type.equals(m.peftType())).toList();
        if (readers.isEmpty()) {
            Map<String, String> available = new LinkedHashMap<>();
            methods.forEach(m -> available.put(m.peftType(), m.name()));
            throw new AdapterException(configFile + ": peft_type \"" + type + "\" is not read by any installed tuning "
                    + "method; installed (peft_type=method): " + available + "; install the plugin of that method into "
                    + "the plugins folder");
        }
        if (readers.size() > 1) {
            throw new AdapterException(configFile + ": peft_type \"" + type + "\" is claimed by several tuning methods "
                    + readers.stream().map(TuningMethodFactory::name).toList()
                    + "; remove all but one of their plugins");
        }
        return readers.get(0);
    }

    /** PEFT lists the classification heads in modules_to_save; the host restores the head: the method never sees it. */
    private static Map<String, Object> withoutHeadModules(Map<String, Object> config) {
        Map<String, Object> copy = new LinkedHashMap<>(config);
        if (copy.get(PeftLayout.MODULES_TO_SAVE) instanceof List<?> modules) {
            List<Object> kept = new ArrayList<>(modules);
            kept.removeAll(PeftLayout.HEAD_MODULES);
            copy.put(PeftLayout.MODULES_TO_SAVE, kept.isEmpty() ? null : kept);
        }
        return copy;
    }
}
