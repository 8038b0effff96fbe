package dev.peft4j.core.train.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A run's checkpoints. Layout under the checkpoint directory:
 * <pre>
 * step-00000040/weights.safetensors     trainable variables (fp32, safetensors layout)
 * step-00000040/optimizer.safetensors   Adam moments
 * step-00000040/trainer-state.json      loop position, counters, best metric ({@link TrainerState})
 * pointers.json                         {"latest": "step-00000040", "best": "step-00000020"}
 * </pre>
 * A checkpoint directory is written under a temporary name and renamed when complete; then {@code pointers.json} is
 * replaced atomically; then directories no pointer names are deleted. A run killed at any moment leaves the previous
 * pointers and complete checkpoints.
 */
public final class Checkpointer {

    static final String WEIGHTS = "weights.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String STATE = "trainer-state.json";
    static final String POINTERS = "pointers.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The checkpoint directories of the latest and the best evaluation; either may be null. */
    record Pointers(String latest, String best) {
    }

    private final Path dir;

    public Checkpointer(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Saves a checkpoint and makes it the latest; with {@code best}, also the best. Returns its directory.
     */
    public Path save(Checkpoint checkpoint, boolean best) {
        String name = String.format("step-%08d", checkpoint.state().step());
        Pointers old = pointers();
        Path target = dir.resolve(name);
        Path tmp = dir.resolve(".tmp-" + name + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(tmp);
            TensorFile.write(tmp.resolve(WEIGHTS), checkpoint.weights());
            TensorFile.write(tmp.resolve(OPTIMIZER), checkpoint.optimizerState());
            JSON.writeValue(tmp.resolve(STATE).toFile(), checkpoint.state());
        } catch (IOException e) {
            AtomicFiles.deleteRecursively(tmp);
            throw new UncheckedIOException("could not write checkpoint " + target + ": " + e.getMessage(), e);
        }
        if (Files.exists(target)) {
            // Left by a killed run after its last published pointers: nothing refers to it.
            AtomicFiles.deleteRecursively(target);
        }
        AtomicFiles.publishDirectory(tmp, target);
        Pointers now = new Pointers(name, best ? name : old.best());
        try {
            AtomicFiles.writeString(dir.resolve(POINTERS), JSON.writeValueAsString(now));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        prune(now);
        return target;
    }

    public Optional<Path> latestDirectory() {
        return Optional.ofNullable(pointers().latest()).map(dir::resolve);
    }

    public Optional<Path> bestDirectory() {
        return Optional.ofNullable(pointers().best()).map(dir::resolve);
    }

    /** The latest checkpoint, complete, if any was saved. */
    public Optional<Checkpoint> latest() {
        return latestDirectory().map(Checkpointer::load);
    }

    /** The trainable weights of the best checkpoint, if one was marked best. */
    public Optional<Map<String, FloatTensor>> bestWeights() {
        return bestDirectory().map(d -> TensorFile.read(d.resolve(WEIGHTS)));
    }

    /** Reads a checkpoint directory. */
    public static Checkpoint load(Path checkpointDir) {
        Path statePath = checkpointDir.resolve(STATE);
        TrainerState state;
        try {
            state = JSON.readValue(statePath.toFile(), TrainerState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + statePath + ": " + e.getMessage()
                    + ". The checkpoint is damaged; delete it and its entry in " + POINTERS + " to resume from an older one", e);
        }
        if (state.format() != TrainerState.FORMAT) {
            throw new IllegalStateException(statePath + " has format " + state.format() + " but this peft4j reads format "
                    + TrainerState.FORMAT + "; resume it with the peft4j version that wrote it");
        }
        return new Checkpoint(TensorFile.read(checkpointDir.resolve(WEIGHTS)),
                TensorFile.read(checkpointDir.resolve(OPTIMIZER)), state);
    }

    private Pointers pointers() {
        Path file = dir.resolve(POINTERS);
        if (!Files.exists(file)) {
            return new Pointers(null, null);
        }
        try {
            return JSON.readValue(file.toFile(), Pointers.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage()
                    + ". Point it at an existing step-* directory, e.g. {\"latest\": \"step-00000040\", \"best\": null}", e);
        }
    }

    private void prune(Pointers keep) {
        Set<String> kept = new HashSet<>();
        kept.add(keep.latest());
        if (keep.best() != null) {
            kept.add(keep.best());
        }
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String n = p.getFileName().toString();
                if (Files.isDirectory(p) && (n.startsWith(".tmp-") || n.startsWith("step-")) && !kept.contains(n)) {
                    AtomicFiles.deleteRecursively(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
        }
    }
}
