package dev.peft4j.core.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects tensors and writes them as one safetensors file, or as a sharded checkpoint with its index, the way the
 * reference implementation lays them out: header padded with spaces to a multiple of 8 bytes, tensors ordered by
 * element size (largest first) then name so that every tensor stays aligned to its element size.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_ELEMENTS = 1 << 16;

    private final Map<String, String> metadata = new LinkedHashMap<>(Map.of("format", "pt"));
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Adds a {@code __metadata__} string; {@code format=pt} is there by default, as PyTorch writes it. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** Adds an fp32 tensor stored as F32. */
    public SafetensorsWriter add(String name, FloatTensor tensor) {
        return add(name, tensor, DType.F32);
    }

    /** Adds an fp32 tensor stored as F32, F64, or F16/BF16 rounded to nearest-even. */
    public SafetensorsWriter add(String name, FloatTensor tensor, DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("tensor '" + name + "': a float tensor cannot be stored as " + dtype);
        }
        float[] data = tensor.data();
        return put(new Entry(name, dtype, tensor.shape(), (out, from, to) -> {
            for (int i = from; i < to; i++) {
                switch (dtype) {
                    case F32 -> out.putFloat(data[i]);
                    case F64 -> out.putDouble(data[i]);
                    case F16 -> out.putShort(HalfPrecision.floatToF16(data[i]));
                    case BF16 -> out.putShort(HalfPrecision.floatToBf16(data[i]));
                    default -> throw new IllegalStateException("unhandled dtype " + dtype);
                }
            }
        }));
    }

    /** Adds a tensor of any dtype from its raw little-endian bytes. */
    public SafetensorsWriter addRaw(String name, DType dtype, long[] shape, byte[] littleEndianBytes) {
        Entry entry = new Entry(name, dtype, shape.clone(), (out, from, to) ->
                out.put(littleEndianBytes, from * dtype.byteSize(), (to - from) * dtype.byteSize()));
        if (entry.byteLength() != littleEndianBytes.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape) + " of "
                    + dtype + " needs " + entry.byteLength() + " bytes, " + littleEndianBytes.length + " given");
        }
        return put(entry);
    }

    /** Writes one file, through a temporary file in the same folder renamed over the target at the end. */
    public void write(Path file) {
        List<Entry> ordered = new ArrayList<>(entries.values());
        ordered.sort(Comparator.comparingInt((Entry e) -> -e.dtype().byteSize()).thenComparing(Entry::name));
        byte[] header = header(ordered);
        AtomicFile.write(file, channel -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            writeAll(channel, length.flip());
            writeAll(channel, ByteBuffer.wrap(header));
            ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_ELEMENTS * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : ordered) {
                int count = Math.toIntExact(e.elementCount());
                for (int from = 0; from < count; from += CHUNK_ELEMENTS) {
                    chunk.clear();
                    e.source().put(chunk, from, Math.min(count, from + CHUNK_ELEMENTS));
                    writeAll(channel, chunk.flip());
                }
            }
        });
    }

    /**
     * Writes {@code model-0000i-of-0000n.safetensors} shards of at most {@code maxShardBytes} each (a larger tensor
     * gets a shard of its own), in the order tensors were added, then {@code model.safetensors.index.json} last, so
     * that an index never points at a shard that is not complete.
     */
    public void writeSharded(Path dir, long maxShardBytes) {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("maxShardBytes must be positive, was " + maxShardBytes);
        }
        List<List<Entry>> shards = new ArrayList<>();
        long shardBytes = 0;
        for (Entry e : entries.values()) {
            if (shards.isEmpty() || (shardBytes + e.byteLength() > maxShardBytes && shardBytes > 0)) {
                shards.add(new ArrayList<>());
                shardBytes = 0;
            }
            shards.get(shards.size() - 1).add(e);
            shardBytes += e.byteLength();
        }
        Map<String, String> weightMap = new java.util.TreeMap<>();
        long totalSize = 0;
        for (int i = 0; i < shards.size(); i++) {
            String shardName = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
            SafetensorsWriter shard = new SafetensorsWriter();
            shard.metadata.putAll(metadata);
            for (Entry e : shards.get(i)) {
                shard.put(e);
                weightMap.put(e.name(), shardName);
                totalSize += e.byteLength();
            }
            shard.write(dir.resolve(shardName));
        }
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", totalSize);
        ObjectNode map = index.putObject("weight_map");
        weightMap.forEach(map::put);
        AtomicFile.writeString(dir.resolve(SafetensorsWeightStore.INDEX_FILE), index.toPrettyString() + "\n");
    }

    private SafetensorsWriter put(Entry entry) {
        if (entry.name().equals(SafetensorsHeader.METADATA_KEY) || entry.name().isEmpty()) {
            throw new IllegalArgumentException("'" + entry.name() + "' cannot name a tensor");
        }
        if (entries.putIfAbsent(entry.name(), entry) != null) {
            throw new IllegalArgumentException("tensor '" + entry.name() + "' was added twice");
        }
        return this;
    }

    private byte[] header(List<Entry> ordered) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Entry e : ordered) {
            ObjectNode node = root.putObject(e.name());
            node.put("dtype", e.dtype().name());
            ArrayNode shape = node.putArray("shape");
            Arrays.stream(e.shape()).forEach(shape::add);
            node.putArray("data_offsets").add(offset).add(offset + e.byteLength());
            offset += e.byteLength();
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padding = (8 - json.length % 8) % 8;
        byte[] padded = Arrays.copyOf(json, json.length + padding);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    static void writeAll(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Puts elements [from, to) of a tensor into a little-endian buffer, converting them to the stored dtype. */
    @FunctionalInterface
    private interface ElementSource {
        void put(ByteBuffer out, int from, int to);
    }

    private record Entry(String name, DType dtype, long[] shape, ElementSource source) {

        long elementCount() {
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("tensor '" + name + "': negative dimension in "
                            + Arrays.toString(shape));
                }
                n = Math.multiplyExact(n, d);
            }
            return n;
        }

        long byteLength() {
            return elementCount() * dtype.byteSize();
        }
    }
}
