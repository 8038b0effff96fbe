package dev.peft4j.cli;

import dev.peft4j.core.importer.ImportedCheckpoint;
import dev.peft4j.core.importer.OnnxBertImporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code peft4j import}: turns models of other formats into Hugging Face checkpoint folders. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Turns a model of another format into a Hugging Face checkpoint folder peft4j (and transformers)"
                + " can load.",
        subcommands = ImportCommand.OnnxBert.class)
final class ImportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing format: choose one of "
                + spec.subcommands().keySet());
    }

    /** {@code peft4j import onnx-bert}. */
    @Command(
            name = "onnx-bert",
            mixinStandardHelpOptions = true,
            description = {
                "Imports a BERT exported to ONNX into a Hugging Face BERT checkpoint folder: config.json,"
                        + " model.safetensors (Hugging Face names and layouts) and the tokenizer files.",
                "Without --onnx it imports all-MiniLM-L6-v2 (Apache-2.0), which peft4j carries on its class path;"
                        + " that is what model.path = \"builtin:all-minilm-l6-v2\" uses."},
            footer = {"", "Exit codes: 0 imported, 2 bad arguments (e.g. the target folder is not empty),"
                    + " 1 the import failed."})
    static final class OnnxBert implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "TARGET_DIR", description = "The folder to write; it must not exist or be empty.")
        private Path target;

        @Option(names = "--onnx", paramLabel = "FILE", description = "A BERT exported to ONNX (default: the bundled"
                + " all-MiniLM-L6-v2).")
        private Path onnx;

        @Option(names = "--tokenizer", paramLabel = "FILE", description = "Its tokenizer.json (required with --onnx).")
        private Path tokenizer;

        @Override
        public Integer call() {
            if ((onnx == null) != (tokenizer == null)) {
                throw new ParameterException(spec.commandLine(), "--onnx and --tokenizer go together: give both, or"
                        + " neither to import the bundled all-MiniLM-L6-v2");
            }
            if (Files.isDirectory(target) && !isEmpty(target)) {
                throw new ParameterException(spec.commandLine(), target + " is not empty: choose a new folder");
            }
            ImportedCheckpoint imported = onnx == null ? OnnxBertImporter.importTo(target)
                    : OnnxBertImporter.importFrom(onnx, tokenizer, target);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "Imported a BERT with %d layers, hidden size %d, %,d parameters into %s%n",
                    imported.config().numHiddenLayers(), imported.config().hiddenSize(), imported.parameters(),
                    imported.dir());
            out.flush();
            return ExitCodes.OK;
        }

        private static boolean isEmpty(Path dir) {
            try (var entries = Files.list(dir)) {
                return entries.findAny().isEmpty();
            } catch (IOException e) {
                return false;
            }
        }
    }
}
