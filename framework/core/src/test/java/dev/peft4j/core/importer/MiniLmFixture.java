package dev.peft4j.core.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The bundled all-MiniLM-L6-v2, read and imported once per test JVM (each costs seconds): its ONNX bytes, its parsed
 * graph, and a checkpoint folder imported into a temporary folder that is removed when the JVM exits.
 */
public final class MiniLmFixture {

    private static byte[] onnx;
    private static OnnxGraph graph;
    private static ImportedCheckpoint imported;

    private MiniLmFixture() {
    }

    /** The original ONNX file's bytes. */
    public static synchronized byte[] onnxBytes() {
        if (onnx == null) {
            try (InputStream in = MiniLmFixture.class.getResourceAsStream(OnnxBertImporter.BUNDLED_ONNX)) {
                onnx = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return onnx;
    }

    static synchronized OnnxGraph graph() {
        if (graph == null) {
            graph = OnnxModelReader.read(ByteBuffer.wrap(onnxBytes()), "classpath:" + OnnxBertImporter.BUNDLED_ONNX);
        }
        return graph;
    }

    /** The imported checkpoint, alone in its temporary parent folder. */
    public static synchronized ImportedCheckpoint checkpoint() {
        if (imported == null) {
            try {
                Path parent = Files.createTempDirectory("peft4j-minilm-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(parent)));
                imported = OnnxBertImporter.importTo(parent.resolve("all-minilm-l6-v2"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return imported;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit; the folder is under the system temporary directory
        }
    }
}
