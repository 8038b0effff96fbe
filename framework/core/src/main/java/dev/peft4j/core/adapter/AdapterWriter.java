package dev.peft4j.core.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.safetensors.SafetensorsWriter;
import dev.peft4j.spi.SpiVersion;
import dev.peft4j.spi.method.TuningMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saves one adapter of a model in Hugging Face PEFT's layout: {@code adapter_config.json} (the method's keys and the
 * common ones, sorted as PEFT sorts them) and {@code adapter_model.safetensors} (the adapter's tensors in F32 under
 * the names the method gave them, metadata {@code {"format": "pt"}}). The folder is written as a unit.
 *
 * <pre>{@code
 * AdapterWriter.save(model, "default", runDir.resolve("adapter"));
 * }</pre>
 */
public final class AdapterWriter {

    private static final ObjectWriter JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build().writer();
    private static final Set<String> REPLACEABLE = Set.of(PeftLayout.CONFIG, PeftLayout.WEIGHTS, PeftLayout.README);

    private AdapterWriter() {
    }

    /**
     * Writes {@code adapter} into {@code dir}, which must be new, empty, or an adapter folder (it is replaced whole).
     *
     * @throws AdapterException when the method's config lacks {@code peft_type} or the folder holds other files
     */
    public static void save(ModelGraph model, String adapter, Path dir) {
        Map<String, Object> config = config(model, adapter);
        Map<String, String> tensors = model.adapterTensors(adapter);
        SafetensorsWriter weights = new SafetensorsWriter();
        tensors.forEach((saved, variable) -> weights.add(saved, model.read(variable)));
        byte[] json = json(config);
        AtomicDirectory.write(dir, REPLACEABLE, "adapter", folder -> {
            weights.write(folder.resolve(PeftLayout.WEIGHTS));
            Files.write(folder.resolve(PeftLayout.CONFIG), json);
        });
    }

    /**
     * The content of {@code adapter_config.json}: the method's {@link TuningMethod#adapterConfig()} with the keys the
     * host owns: {@code task_type} from the head, {@code base_model_name_or_path}, {@code inference_mode} true, the
     * peft4j version, and the head added to {@code modules_to_save} as PEFT does for sequence classification.
     */
    public static Map<String, Object> config(ModelGraph model, String adapter) {
        TuningMethod method = model.method(adapter);
        Map<String, Object> config = new LinkedHashMap<>(method.adapterConfig());
        Object peftType = config.get(PeftLayout.PEFT_TYPE);
        if (!(peftType instanceof String type) || type.isBlank()) {
            throw new AdapterException("adapter '" + adapter + "': " + method.getClass().getName()
                    + ".adapterConfig() gives no peft_type (got " + peftType + "); a method must name the peft_type "
                    + "its factory reads, or its adapters cannot be loaded again");
        }
        config.put(PeftLayout.TASK_TYPE, PeftLayout.taskType(model.options().head().type()));
        config.put(PeftLayout.BASE_MODEL, model.modelNameOrPath());
        config.put(PeftLayout.INFERENCE_MODE, true);
        config.put(PeftLayout.PEFT4J_VERSION, SpiVersion.peft4j());
        for (String head : model.headModules()) {
            config.put(PeftLayout.MODULES_TO_SAVE, withHead(config.get(PeftLayout.MODULES_TO_SAVE), head));
        }
        return config;
    }

    private static List<Object> withHead(Object methodModules, String head) {
        List<Object> modules = new ArrayList<>();
        if (methodModules instanceof List<?> list) {
            modules.addAll(list);
        }
        if (!modules.contains(head)) {
            modules.add(head);
        }
        return modules;
    }

    private static byte[] json(Map<String, Object> config) {
        try {
            return (JSON.writeValueAsString(config) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new AdapterException("the adapter config cannot be written as JSON: " + e.getOriginalMessage()
                    + "; a method's adapterConfig() may hold only strings, numbers, booleans, null, lists and maps", e);
        }
    }
}
