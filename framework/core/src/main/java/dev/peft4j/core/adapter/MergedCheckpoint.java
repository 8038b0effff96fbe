package dev.peft4j.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saves a model whose adapters are merged ({@link ModelGraph#merge}) as a full Hugging Face checkpoint:
 * {@code config.json} (the base model's, naming the task model and its labels), {@code model.safetensors} with every
 * weight in F32 under the names the Hugging Face task model saves ({@code transformer.h.0...}, {@code bert.encoder...},
 * {@code model.layers...}, {@code classifier.weight} / {@code score.weight}, {@code cls.predictions...}) and the base
 * checkpoint's tokenizer files.
 * The result loads in transformers' {@code AutoModelFor...} and back into peft4j as a base model. The folder is
 * written as a unit.
 */
public final class MergedCheckpoint {

    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    /** Files of a checkpoint folder that are copied along when the base checkpoint has them. */
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "added_tokens.json", "vocab.json", "merges.txt", "vocab.txt", "tokenizer.model",
            "generation_config.json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> FAMILIES = Map.of("gpt2", "GPT2", "bert", "Bert", "llama", "Llama",
            "mistral", "Mistral", "qwen2", "Qwen2");

    private MergedCheckpoint() {
    }

    /**
     * @param baseCheckpointDir the folder the base model came from: its {@code config.json} is the starting point of
     *                          the new one and its tokenizer files are copied
     * @throws AdapterException when an adapter is still active (its effect would be missing from the weights) or the
     *                          base config cannot be read
     */
    public static void write(ModelGraph model, Path baseCheckpointDir, Path outDir) {
        write(model, baseCheckpointDir, outDir, List.of());
    }

    /**
     * As {@link #write(ModelGraph, Path, Path)}, with the class names of a classification head written as
     * {@code id2label} and {@code label2id} (empty: the base config's labels when they fit, else {@code LABEL_<i>}).
     */
    public static void write(ModelGraph model, Path baseCheckpointDir, Path outDir, List<String> classNames) {
        if (!model.activeAdapters().isEmpty()) {
            throw new AdapterException("adapters " + model.activeAdapters() + " are active but not merged: the "
                    + "checkpoint would lack their effect; merge them with ModelGraph.merge(name) or switch them off "
                    + "with setActiveAdapters before saving a merged checkpoint");
        }
        ObjectNode config = config(model, baseCheckpointDir.resolve(CONFIG), classNames);
        SafetensorsWriter weights = new SafetensorsWriter();
        for (String name : model.baseWeightNames()) {
            weights.add(name, model.read(name));
        }
        Set<String> replaceable = new HashSet<>(TOKENIZER_FILES);
        replaceable.add(CONFIG);
        replaceable.add(WEIGHTS);
        AtomicDirectory.write(outDir, replaceable, "merged checkpoint", folder -> {
            weights.write(folder.resolve(WEIGHTS));
            Files.writeString(folder.resolve(CONFIG), config.toPrettyString() + "\n");
            for (String file : TOKENIZER_FILES) {
                Path source = baseCheckpointDir.resolve(file);
                if (Files.isRegularFile(source)) {
                    Files.copy(source, folder.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        });
    }

    private static ObjectNode config(ModelGraph model, Path baseConfig, List<String> classNames) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(baseConfig));
        } catch (IOException e) {
            throw new AdapterException("cannot read the base model's " + baseConfig + ": " + e.getMessage()
                    + "; a merged checkpoint starts from the config.json of the checkpoint the model was built from",
                    e);
        }
        if (!(root instanceof ObjectNode config)) {
            throw new AdapterException(baseConfig + " must hold a JSON object");
        }
        String type = model.config().modelType();
        Head head = model.options().head();
        config.putArray("architectures").add(taskModel(type, head.type()));
        config.put("torch_dtype", "float32");
        if (!head.predictsTokens()) {
            JsonNode labels = config.get("id2label");
            if (classNames.size() == head.numLabels() || labels == null || labels.size() != head.numLabels()) {
                ObjectNode id2label = config.putObject("id2label");
                ObjectNode label2id = config.putObject("label2id");
                for (int i = 0; i < head.numLabels(); i++) {
                    String label = classNames.size() == head.numLabels() ? classNames.get(i) : "LABEL_" + i;
                    id2label.put(Integer.toString(i), label);
                    label2id.put(label, i);
                }
            }
            if (head.type() == Head.Type.REGRESSION) {
                config.put("problem_type", "regression");
            }
        }
        return config;
    }

    /** The transformers class that reads the checkpoint, e.g. {@code GPT2ForSequenceClassification}. */
    static String taskModel(String modelType, Head.Type head) {
        String family = FAMILIES.get(modelType);
        if (family == null) {
            throw new AdapterException("no Hugging Face task model is known for model_type '" + modelType + "'");
        }
        return switch (head) {
            case SEQUENCE_CLASSIFICATION, REGRESSION -> family + "ForSequenceClassification";
            case MASKED_LM -> family + "ForMaskedLM";
            case CAUSAL_LM -> modelType.equals("gpt2") ? "GPT2LMHeadModel" : family + "ForCausalLM";
        };
    }
}
