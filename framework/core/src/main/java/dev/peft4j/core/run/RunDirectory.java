package dev.peft4j.core.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.peft4j.core.config.HostSettings;
import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.train.checkpoint.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder one run writes to, and the names of what it holds. Every file is written to a temporary sibling and
 * renamed into place, so a killed run leaves each file either complete or as it was.
 */
public final class RunDirectory {

    /** The resolved pipeline, each value with the file:line it came from. */
    public static final String PIPELINE = "pipeline.conf";
    /** Versions, seed, machine, timing and memory of the run. */
    public static final String MANIFEST = "manifest.json";
    public static final String DATA_REPORT = "data-report.json";
    /** What continued pretraining read: documents, held-out share, blocks, tokens ({@code peft4j pretrain}). */
    public static final String CORPUS_REPORT = "corpus-report.json";
    /** The class names in index order (classification). */
    public static final String LABELS = "labels.json";
    public static final String LOG = "log.jsonl";
    public static final String METRICS = "metrics.json";
    /** The test split's predictions. */
    public static final String PREDICTIONS = "predictions.tsv";
    public static final String REPORT = "report.html";
    /** The trained adapter, in the Hugging Face PEFT layout. */
    public static final String ADAPTER = "adapter";
    /**
     * The fully fine-tuned model, a Hugging Face checkpoint folder (method {@code full}); for {@code peft4j pretrain}
     * also the base model with a mergeable adapter merged.
     */
    public static final String MODEL = "model";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern STAMPED = Pattern.compile("-\\d{8}-\\d{6}(-\\d+)?");

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** An existing run folder, e.g. for {@code evaluate} or {@code compare}. */
    public static RunDirectory of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a run folder (no such directory)");
        }
        return new RunDirectory(dir.toAbsolutePath().normalize());
    }

    /**
     * The folder a run of {@code pipeline} writes: the newest one of this pipeline when {@code resuming}, else a new
     * one. Says which on {@code console} and saves the resolved pipeline in it, as every run command does first.
     */
    static RunDirectory forRun(HostSettings host, boolean timestamp, boolean resuming, PipelineConfig pipeline,
                               PrintStream console) {
        Path configured = host.pipeline().runDir();
        RunDirectory dir = resuming ? latest(configured, timestamp)
                : create(configured, timestamp, LocalDateTime.now());
        console.println((resuming ? "Resuming run " : "Run folder: ") + dir);
        dir.writeString(PIPELINE, pipeline.render());
        return dir;
    }

    /**
     * A new, empty run folder: {@code runDir-<yyyyMMdd-HHmmss>} with {@code timestamp} (a counter is appended when two
     * runs start in the same second), else {@code runDir} itself, which may already exist.
     */
    public static RunDirectory create(Path runDir, boolean timestamp, LocalDateTime now) {
        Path base = runDir.toAbsolutePath().normalize();
        try {
            if (!timestamp) {
                return new RunDirectory(Files.createDirectories(base));
            }
            Files.createDirectories(base.getParent());
            String stamped = base.getFileName() + "-" + now.format(STAMP);
            for (int attempt = 1; ; attempt++) {
                Path candidate = base.resolveSibling(attempt == 1 ? stamped : stamped + "-" + attempt);
                try {
                    return new RunDirectory(Files.createDirectory(candidate));
                } catch (FileAlreadyExistsException e) {
                    // another run started in the same second: take the next name
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder under " + base.getParent() + ": "
                    + e.getMessage() + "; check pipeline.run-dir and that the folder is writable", e);
        }
    }

    /**
     * The run to resume: the newest {@code runDir-<timestamp>} folder with {@code timestamp}, else {@code runDir}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static RunDirectory latest(Path runDir, boolean timestamp) {
        Path base = runDir.toAbsolutePath().normalize();
        if (!timestamp) {
            if (!Files.isDirectory(base)) {
                throw new IllegalArgumentException("training.resume is set but there is no run folder " + base
                        + " to continue; start the run without --resume");
            }
            return new RunDirectory(base);
        }
        String prefix = base.getFileName().toString();
        Optional<Path> newest;
        try (Stream<Path> siblings = Files.isDirectory(base.getParent()) ? Files.list(base.getParent())
                : Stream.empty()) {
            newest = siblings.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith(prefix)
                            && STAMPED.matcher(p.getFileName().toString().substring(prefix.length())).matches())
                    .max(Comparator.comparing(RunDirectory::stampOrder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base.getParent() + ": " + e.getMessage(), e);
        }
        return new RunDirectory(newest.orElseThrow(() -> new IllegalArgumentException("training.resume is set but "
                + base.getParent() + " holds no run folder " + prefix + "-<yyyyMMdd-HHmmss> to continue; start the run"
                + " without --resume")));
    }

    /** Orders stamped names by time, then by the same-second counter ({@code -10} after {@code -9}). */
    private static String stampOrder(Path p) {
        String name = p.getFileName().toString();
        var m = Pattern.compile("-(\\d{8}-\\d{6})(?:-(\\d+))?$").matcher(name);
        return m.find() ? m.group(1) + String.format("%06d", m.group(2) == null ? 1 : Integer.parseInt(m.group(2)))
                : name;
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    public void writeString(String name, String content) {
        AtomicFiles.writeString(file(name), content);
    }

    /** Writes {@code value} as indented JSON. */
    public void writeJson(String name, Object value) {
        try {
            writeString(name, JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(name) + " as JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
