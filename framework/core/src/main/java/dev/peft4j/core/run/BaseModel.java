package dev.peft4j.core.run;

import dev.peft4j.core.model.WeightStore;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.core.safetensors.SafetensorsWeightStore;
import dev.peft4j.core.tokenizer.HfTokenizer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The base model of a run, opened: its checkpoint folder, config.json, weights and tokenizer.
 *
 * @param nameOrPath what {@code base_model_name_or_path} records: {@code builtin:<name>} or the folder
 */
public record BaseModel(String nameOrPath, Path dir, ModelConfig config, WeightStore weights, HfTokenizer tokenizer)
        implements AutoCloseable {

    /**
     * Opens the model {@code model.path} names: a built-in is imported into {@code modelsDir} first; a relative folder
     * resolves against {@code baseDir} (the pipeline file's folder).
     */
    public static BaseModel open(ModelSettings settings, Path baseDir, Path modelsDir, long seed, PrintStream console) {
        String path = settings.path();
        Path dir = BuiltinModels.isBuiltin(path) ? BuiltinModels.ensure(path, modelsDir, console)
                : baseDir.resolve(path).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model.path names " + dir + ", which is not a folder; give a Hugging"
                    + " Face checkpoint folder (config.json, model.safetensors, tokenizer.json) or "
                    + BuiltinModels.PREFIX + BuiltinModels.MINILM);
        }
        ModelConfig config = ModelConfigReader.read(dir.resolve("config.json"));
        WeightStore weights = SafetensorsWeightStore.open(dir);
        try {
            HfTokenizer tokenizer = HfTokenizer.open(dir);
            if (settings.randomInit()) {
                weights = new RandomWeights(weights, config.initializerRange(), seed);
            }
            return new BaseModel(BuiltinModels.isBuiltin(path) ? path : dir.toString(), dir, config, weights,
                    tokenizer);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            tokenizer.close();
        } finally {
            weights.close();
        }
    }
}
