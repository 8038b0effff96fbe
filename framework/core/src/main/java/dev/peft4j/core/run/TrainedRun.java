package dev.peft4j.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.adapter.PeftLayout;
import dev.peft4j.core.data.LabelVocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a trained model is: a run folder written by {@code peft4j run} (its {@code pipeline.conf}, {@code labels.json}
 * and {@code adapter/} or, for full fine-tuning, {@code model/}), an adapter folder inside one, or a stand-alone
 * adapter folder in the PEFT layout.
 *
 * @param runDir       the run folder; null for a stand-alone adapter
 * @param baseDir      where the run's pipeline file was: relative model paths in it resolve against this folder
 * @param adapterDir   the adapter folder; null for a fully fine-tuned model
 * @param modelDir     the fully fine-tuned model's checkpoint folder; null for an adapter
 */
public record TrainedRun(Path runDir, Path baseDir, Path adapterDir, Path modelDir) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param dir a run folder, the adapter folder of a run, or an adapter folder of its own
     * @throws IllegalArgumentException saying what the folder lacks
     */
    public static TrainedRun locate(Path dir) {
        Path folder = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder: give a run folder of `peft4j run` or an"
                    + " adapter folder (" + PeftLayout.CONFIG + ", " + PeftLayout.WEIGHTS + ")");
        }
        if (Files.isRegularFile(folder.resolve(RunDirectory.PIPELINE))) {
            return ofRun(folder);
        }
        boolean adapter = Files.isRegularFile(folder.resolve(PeftLayout.CONFIG));
        if (adapter && folder.getParent() != null
                && Files.isRegularFile(folder.getParent().resolve(RunDirectory.PIPELINE))) {
            return new TrainedRun(folder.getParent(), baseDir(folder.getParent()), folder, null);
        }
        if (adapter) {
            return new TrainedRun(null, folder, folder, null);
        }
        throw new IllegalArgumentException(folder + " holds neither a run (" + RunDirectory.PIPELINE + ") nor an adapter ("
                + PeftLayout.CONFIG + "): give a run folder of `peft4j run` or an adapter folder");
    }

    private static TrainedRun ofRun(Path run) {
        Path adapter = run.resolve(RunDirectory.ADAPTER);
        Path model = run.resolve(RunDirectory.MODEL);
        if (Files.isRegularFile(adapter.resolve(PeftLayout.CONFIG))) {
            return new TrainedRun(run, baseDir(run), adapter, null);
        }
        if (Files.isRegularFile(model.resolve("config.json"))) {
            return new TrainedRun(run, baseDir(run), null, model);
        }
        throw new IllegalArgumentException(run + " holds no trained model (" + RunDirectory.ADAPTER + "/ or "
                + RunDirectory.MODEL + "/): the run did not finish; resume it with `peft4j run --resume`");
    }

    /** The folder of the pipeline file the run was started from, as its manifest records it. */
    private static Path baseDir(Path run) {
        Path manifest = run.resolve(RunDirectory.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return run;
        }
        try {
            JsonNode pipeline = JSON.readTree(manifest.toFile()).path("pipeline");
            Path file = pipeline.isTextual() ? Path.of(pipeline.asText()).toAbsolutePath() : null;
            return file != null && file.getParent() != null ? file.getParent() : run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }

    public Path pipelineFile() {
        return runDir == null ? null : runDir.resolve(RunDirectory.PIPELINE);
    }

    /** The class names of a run, in index order; empty without {@code labels.json} (regression, stand-alone adapter). */
    public List<String> labels() {
        Path labels = runDir == null ? null : runDir.resolve(RunDirectory.LABELS);
        return labels != null && Files.isRegularFile(labels)
                ? LabelVocabulary.load(labels).names() : List.of();
    }
}
