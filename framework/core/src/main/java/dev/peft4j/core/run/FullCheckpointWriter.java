package dev.peft4j.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.safetensors.SafetensorsWriter;
import dev.peft4j.core.train.checkpoint.AtomicFiles;
import dev.peft4j.spi.SpiVersion;
import dev.peft4j.spi.metric.TaskType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a fully fine-tuned model as a Hugging Face checkpoint folder: {@code model.safetensors} with every weight
 * under its task-model name ({@code bert.encoder...}, {@code classifier.weight}), {@code config.json} naming the
 * sequence-classification architecture and the labels, and the base model's tokenizer files. The folder is written
 * under a temporary name and renamed into place; one written before (by the run that is being resumed) is replaced
 * only once the new one is complete.
 */
final class FullCheckpointWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "vocab.txt", "vocab.json", "merges.txt");
    private static final Map<String, String> CLASSIFIERS = Map.of(
            "bert", "BertForSequenceClassification",
            "gpt2", "GPT2ForSequenceClassification",
            "llama", "LlamaForSequenceClassification",
            "mistral", "MistralForSequenceClassification",
            "qwen2", "Qwen2ForSequenceClassification");

    private FullCheckpointWriter() {
    }

    /**
     * @param saved      tensor name to variable name, every weight of the model
     * @param classNames the labels by index (classification), empty for regression
     */
    static void write(Path target, ModelGraph graph, Map<String, String> saved, BaseModel base, TaskType task,
                      List<String> classNames) {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Path previous = target.resolveSibling("." + target.getFileName() + ".previous");
        try {
            deleteRecursively(temp);
            Files.createDirectories(temp);
            SafetensorsWriter weights = new SafetensorsWriter().metadata("format", "pt")
                    .metadata("peft4j_version", SpiVersion.peft4j());
            saved.forEach((tensor, variable) -> weights.add(tensor, graph.read(variable)));
            weights.write(temp.resolve("model.safetensors"));
            Files.writeString(temp.resolve("config.json"), config(base, task, classNames));
            for (String file : TOKENIZER_FILES) {
                if (Files.isRegularFile(base.dir().resolve(file))) {
                    Files.copy(base.dir().resolve(file), temp.resolve(file));
                }
            }
            // A resumed run replaces the model it wrote before: the old folder stays until the new one is complete.
            deleteRecursively(previous);
            if (Files.exists(target)) {
                Files.move(target, previous);
            }
            AtomicFiles.publishDirectory(temp, target);
            deleteRecursively(previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fine-tuned model to " + target + ": " + e.getMessage(),
                    e);
        }
    }

    /** The base config.json with the task head: architectures, labels and problem type. */
    private static String config(BaseModel base, TaskType task, List<String> classNames) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(base.dir().resolve("config.json").toFile());
        String classifier = CLASSIFIERS.get(base.config().modelType());
        if (classifier != null) {
            config.putArray("architectures").add(classifier);
        }
        if (task == TaskType.REGRESSION) {
            config.put("problem_type", "regression");
            config.put("num_labels", 1);
        } else {
            config.put("problem_type", "single_label_classification");
            ObjectNode id2label = config.putObject("id2label");
            ObjectNode label2id = config.putObject("label2id");
            for (int i = 0; i < classNames.size(); i++) {
                id2label.put(Integer.toString(i), classNames.get(i));
                label2id.put(classNames.get(i), i);
            }
        }
        config.put("peft4j_version", SpiVersion.peft4j());
        return JSON.writeValueAsString(config) + "\n";
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
