package dev.peft4j.core.run;

import com.typesafe.config.Config;
import dev.peft4j.core.config.ConfigProblem;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.importer.ImportedCheckpoint;
import dev.peft4j.core.importer.OnnxBertImporter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base models peft4j carries on its class path, named {@code builtin:<name>} in {@code model.path}. Each is
 * imported once into {@code <models dir>/<name>} (a Hugging Face checkpoint folder) and reused afterwards.
 */
public final class BuiltinModels {

    public static final String PREFIX = "builtin:";
    /** sentence-transformers' all-MiniLM-L6-v2, from the langchain4j jar on Maven Central. */
    public static final String MINILM = "all-minilm-l6-v2";
    public static final List<String> NAMES = List.of(MINILM);

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinModels.class);

    private BuiltinModels() {
    }

    /** {@code peft4j.models.dir} of the host settings, a relative folder resolved against {@code peft4j.home}. */
    public static Path modelsDir(Config hostConfig) {
        Path home = Path.of(hostConfig.getString("peft4j.home")).toAbsolutePath();
        return home.resolve(hostConfig.getString("peft4j.models.dir")).normalize();
    }

    public static boolean isBuiltin(String modelPath) {
        return modelPath.startsWith(PREFIX);
    }

    /**
     * The checkpoint folder of a built-in model, imported into {@code modelsDir} when it is not there yet.
     *
     * @param modelPath {@code builtin:<name>}
     * @param console   where the user reads that an import is under way
     */
    public static Path ensure(String modelPath, Path modelsDir, PrintStream console) {
        String name = modelPath.substring(PREFIX.length());
        if (!NAMES.contains(name)) {
            throw new PipelineConfigException(new ConfigProblem("pipeline", -1, "model.path",
                    "one of " + NAMES.stream().map(n -> PREFIX + n).toList() + " or a checkpoint folder",
                    "\"" + modelPath + "\"", null));
        }
        Path dir = modelsDir.resolve(name).toAbsolutePath().normalize();
        if (!OnnxBertImporter.isComplete(dir)) {
            console.println("Importing the built-in " + name + " into " + dir + " (once; later runs reuse it)...");
        }
        long start = System.nanoTime();
        ImportedCheckpoint checkpoint = OnnxBertImporter.ensureImported(dir);
        if (!checkpoint.reused()) {
            LOG.info("imported {} ({} parameters) into {} in {} ms", name, checkpoint.parameters(), dir,
                    (System.nanoTime() - start) / 1_000_000);
        }
        return checkpoint.dir();
    }
}
