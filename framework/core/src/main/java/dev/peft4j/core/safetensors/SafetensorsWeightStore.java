package dev.peft4j.core.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.model.WeightStore;
import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weights of a Hugging Face checkpoint folder: {@code model.safetensors}, or the shards that
 * {@code model.safetensors.index.json} maps each tensor to. Every tensor of the index is checked to be in its shard
 * when the store opens.
 */
public final class SafetensorsWeightStore implements WeightStore {

    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final Logger LOG = LoggerFactory.getLogger(SafetensorsWeightStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path source;
    private final Map<String, SafetensorsFile> fileOf;
    private final List<SafetensorsFile> files;

    private SafetensorsWeightStore(Path source, Map<String, SafetensorsFile> fileOf, List<SafetensorsFile> files) {
        this.source = source;
        this.fileOf = Collections.unmodifiableMap(fileOf);
        this.files = List.copyOf(files);
    }

    /** Opens a checkpoint folder (single file or sharded), or one {@code .safetensors} file. */
    public static SafetensorsWeightStore open(Path checkpoint) {
        if (Files.isRegularFile(checkpoint)) {
            return single(checkpoint);
        }
        if (!Files.isDirectory(checkpoint)) {
            throw new UncheckedIOException(new IOException("checkpoint " + checkpoint + " does not exist"));
        }
        Path index = checkpoint.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return sharded(checkpoint, index);
        }
        Path single = checkpoint.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return single(single);
        }
        throw new SafetensorsFormatException(checkpoint, null, "neither " + SINGLE_FILE + " nor " + INDEX_FILE
                + " is in this folder (it holds " + listing(checkpoint) + "); a Hugging Face checkpoint folder holds "
                + "one of them (a PyTorch .bin checkpoint must be converted to safetensors first)");
    }

    private static SafetensorsWeightStore single(Path file) {
        SafetensorsFile opened = SafetensorsFile.open(file);
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        opened.names().forEach(n -> fileOf.put(n, opened));
        return new SafetensorsWeightStore(file, fileOf, List.of(opened));
    }

    private static SafetensorsWeightStore sharded(Path dir, Path index) {
        Map<String, String> weightMap = readWeightMap(index);
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                SafetensorsFile shard = shards.get(e.getValue());
                if (shard == null) {
                    shard = SafetensorsFile.open(shardPath(dir, index, e.getKey(), e.getValue()));
                    shards.put(e.getValue(), shard);
                }
                if (shard.find(e.getKey()).isEmpty()) {
                    throw new MissingTensorException(shard.path(), e.getKey(), INDEX_FILE + " maps it to this shard,"
                            + " but the shard does not hold it" + TensorNames.suggestion(e.getKey(), shard.names()));
                }
                fileOf.put(e.getKey(), shard);
            }
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
        for (SafetensorsFile shard : shards.values()) {
            long unindexed = shard.names().stream().filter(n -> !weightMap.containsKey(n)).count();
            if (unindexed > 0) {
                LOG.warn("{} holds {} tensors that {} does not list; they are ignored, as Hugging Face does",
                        shard.path(), unindexed, INDEX_FILE);
            }
        }
        return new SafetensorsWeightStore(dir, fileOf, new ArrayList<>(shards.values()));
    }

    private static Map<String, String> readWeightMap(Path index) {
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new SafetensorsFormatException(index, null, "not valid JSON: " + e.getMessage(), e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new SafetensorsFormatException(index, null,
                    "must hold a non-empty \"weight_map\" object of tensor name -> shard file");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            if (!e.getValue().isTextual()) {
                throw new SafetensorsFormatException(index, e.getKey(), "the shard must be a file name string, "
                        + "but is " + e.getValue());
            }
            weightMap.put(e.getKey(), e.getValue().textValue());
        }
        return weightMap;
    }

    private static Path shardPath(Path dir, Path index, String tensor, String shard) {
        Path resolved = dir.resolve(shard).normalize();
        if (shard.isEmpty() || !dir.normalize().equals(resolved.getParent())) {
            throw new SafetensorsFormatException(index, tensor, "shard '" + shard
                    + "' must be a file name in the checkpoint folder");
        }
        if (!Files.isRegularFile(resolved)) {
            throw new SafetensorsFormatException(index, tensor, "shard file '" + shard + "' is missing from " + dir);
        }
        return resolved;
    }

    /** The file or folder this store reads. */
    public Path source() {
        return source;
    }

    @Override
    public Set<String> names() {
        return fileOf.keySet();
    }

    @Override
    public List<Long> shape(String name) {
        return java.util.Arrays.stream(info(name).shape()).boxed().toList();
    }

    public TensorInfo info(String name) {
        return file(name).info(name);
    }

    /** The raw little-endian bytes of a tensor, mapped without copying; see {@link #info} for dtype and shape. */
    public ByteBuffer bytes(String name) {
        return file(name).bytes(name);
    }

    @Override
    public FloatTensor read(String name) {
        return file(name).readFloat(name);
    }

    /** The {@code __metadata__} of the (first) file. */
    public Map<String, String> metadata() {
        return files.get(0).metadata();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (SafetensorsFile f : files) {
            try {
                f.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile file = fileOf.get(name);
        if (file == null) {
            throw new MissingTensorException(source, name, "the checkpoint has no such tensor (it holds "
                    + fileOf.size() + " tensors" + TensorNames.suggestion(name, fileOf.keySet()) + ")");
        }
        return file;
    }

    private static String listing(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            List<String> names = children.map(p -> p.getFileName().toString()).sorted().toList();
            return names.isEmpty() ? "nothing" : names.stream().collect(Collectors.joining(", "));
        } catch (IOException e) {
            return "files that cannot be listed: " + e.getMessage();
        }
    }
}
