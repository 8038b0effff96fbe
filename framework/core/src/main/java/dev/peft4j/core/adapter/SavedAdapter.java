package dev.peft4j.core.adapter;

import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.TrainableVariable;
import dev.peft4j.core.safetensors.SafetensorsFile;
import dev.peft4j.core.safetensors.TensorInfo;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.TuningMethod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An adapter folder read by {@link AdapterReader}: its config and the method rebuilt from it. Add {@link #method()} to
 * a {@link ModelBuilder} under a name, build, then {@link #restore} the saved tensors into that adapter (or let
 * {@link #build} do all three).
 *
 * @param dir        the adapter folder
 * @param config     its {@code adapter_config.json}, as read
 * @param methodName the tuning method that read it, e.g. {@code lora}
 * @param method     the method to inject; one model graph per instance
 */
public record SavedAdapter(Path dir, Map<String, Object> config, String methodName, TuningMethod method) {

    /** Problems listed by name in an error message before it says "and N more". */
    private static final int LISTED = 8;

    public SavedAdapter {
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }

    /** The config's {@code task_type}, when it has one. */
    public Optional<String> taskType() {
        return config.get(PeftLayout.TASK_TYPE) instanceof String t ? Optional.of(t) : Optional.empty();
    }

    /**
     * Adds each saved adapter to {@code builder} under its name (in the map's order), builds the model and restores
     * every adapter's tensors. The model is closed again when a restore fails.
     */
    public static ModelGraph build(ModelBuilder builder, Map<String, SavedAdapter> adapters) {
        adapters.forEach((name, saved) -> builder.adapter(name, saved.method()));
        ModelGraph model = builder.build();
        try {
            adapters.forEach((name, saved) -> saved.restore(model, name));
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Assigns the saved tensors to the model's adapter {@code adapter}, which must have been built from
     * {@link #method()}. Every tensor the adapter saves must be in the file with the same shape, and the file may hold
     * no other tensor; otherwise nothing is assigned. F32, F16 and BF16 files are read (widened to fp32).
     *
     * @throws AdapterException naming the file and every missing, extra or misshapen tensor
     */
    public void restore(ModelGraph model, String adapter) {
        if (model.method(adapter) != method) {
            throw new AdapterException("the model's adapter '" + adapter + "' was not built from the adapter in " + dir
                    + "; add it with ModelBuilder.adapter(\"" + adapter + "\", saved.method()) before building");
        }
        checkTask(model);
        Path file = dir.resolve(PeftLayout.WEIGHTS);
        Map<String, String> expected = model.adapterTensors(adapter);
        Map<String, long[]> shapes = new HashMap<>();
        for (TrainableVariable v : model.trainables()) {
            shapes.put(v.name(), v.shape());
        }
        try (SafetensorsFile tensors = SafetensorsFile.open(file)) {
            check(file, tensors, expected, shapes);
            for (Map.Entry<String, String> e : expected.entrySet()) {
                FloatTensor value = tensors.readFloat(e.getKey());
                model.write(e.getValue(), new FloatTensor(shapes.get(e.getValue()), value.data()));
            }
        }
    }

    private void checkTask(ModelGraph model) {
        Head.Type head = model.options().head().type();
        String modelTask = PeftLayout.taskType(head);
        Optional<String> saved = taskType().filter(t -> t.equals("CAUSAL_LM") || t.equals("SEQ_CLS"));
        if (saved.isPresent() && !saved.get().equals(modelTask)) {
            throw new AdapterException(dir.resolve(PeftLayout.CONFIG) + " was saved for task_type " + saved.get()
                    + " but the model has a " + head.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " head" + (modelTask == null ? "" : " (" + modelTask + ")")
                    + "; build the model with the head the adapter was trained with");
        }
    }

    private void check(Path file, SafetensorsFile tensors, Map<String, String> expected, Map<String, long[]> shapes) {
        List<String> problems = new ArrayList<>();
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(tensors.names());
        if (!missing.isEmpty()) {
            problems.add("it lacks " + missing.size() + " tensor(s) the " + methodName + " method created from "
                    + PeftLayout.CONFIG + ": " + listed(missing) + headHint(missing));
        }
        Set<String> extra = new TreeSet<>(tensors.names());
        extra.removeAll(expected.keySet());
        if (!extra.isEmpty()) {
            problems.add("it holds " + extra.size() + " tensor(s) the " + methodName + " method did not create: "
                    + listed(extra) + " (does " + PeftLayout.CONFIG + " describe this file, e.g. its target modules, "
                    + "and was it saved for this architecture and head?)");
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Optional<TensorInfo> info = tensors.find(e.getKey());
            if (info.isEmpty()) {
                continue;
            }
            long[] want = shapes.get(e.getValue());
            if (!info.get().dtype().isFloatingPoint()) {
                problems.add("tensor '" + e.getKey() + "' is " + info.get().dtype() + "; adapter tensors are F32, F16 "
                        + "or BF16");
            } else if (!sameSize(info.get().shape(), want)) {
                problems.add("tensor '" + e.getKey() + "' has shape " + Arrays.toString(info.get().shape())
                        + " but the method built it as " + Arrays.toString(want) + " from " + PeftLayout.CONFIG
                        + " and the base model");
            }
        }
        if (!problems.isEmpty()) {
            throw new AdapterException("cannot restore the adapter from " + file + ": " + String.join("; ", problems)
                    + ". Nothing was assigned");
        }
    }

    /** Equal shapes; a scalar and a one-element vector count as equal (PyTorch saves some scalars as [1]). */
    private static boolean sameSize(long[] stored, long[] wanted) {
        if (Arrays.equals(stored, wanted)) {
            return true;
        }
        return count(stored) == 1 && count(wanted) == 1 && stored.length <= 1 && wanted.length <= 1;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static String headHint(Set<String> missing) {
        boolean onlyHead = missing.stream().allMatch(n -> PeftLayout.HEAD_MODULES.stream()
                .anyMatch(h -> n.startsWith(PeftLayout.SAVED_PREFIX + h + ".")));
        return onlyHead ? "; the adapter was saved without the model's classification head: build the model with "
                + "the head it was trained with" : "";
    }

    private static String listed(Set<String> names) {
        List<String> shown = names.stream().limit(LISTED).toList();
        return shown + (names.size() > LISTED ? " and " + (names.size() - LISTED) + " more" : "");
    }
}
