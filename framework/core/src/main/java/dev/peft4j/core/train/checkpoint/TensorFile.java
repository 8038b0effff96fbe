package dev.peft4j.core.train.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fp32 tensors in the safetensors layout (8-byte little-endian header length, JSON header, raw little-endian data),
 * so checkpoints open with any safetensors reader. Only F32 is written or accepted: checkpoints hold master weights
 * and optimizer state, which are fp32.
 */
public final class TensorFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 1 << 20;

    private TensorFile() {
    }

    public static void write(Path file, Map<String, FloatTensor> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        long offset = 0;
        for (Map.Entry<String, FloatTensor> e : tensors.entrySet()) {
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long end = offset + 4L * e.getValue().data().length;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, head);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (FloatTensor t : tensors.values()) {
                float[] data = t.data();
                for (int i = 0; i < data.length; ) {
                    int n = Math.min(CHUNK / 4, data.length - i);
                    buf.clear();
                    buf.asFloatBuffer().put(data, i, n);
                    buf.limit(n * 4);
                    writeFully(ch, buf);
                    i += n;
                }
            }
        }
    }

    public static Map<String, FloatTensor> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, file);
            long headerLength = len.flip().getLong();
            if (headerLength <= 0 || headerLength > Math.min(100_000_000L, ch.size() - 8)) {
                throw new IOException("header length " + headerLength + " does not fit the file size " + ch.size());
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBytes, file);
            JsonNode header = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLength;
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : header.properties()) {
                if (e.getKey().equals("__metadata__")) {
                    continue;
                }
                out.put(e.getKey(), readTensor(ch, dataStart, e.getKey(), e.getValue(), file));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read tensors from " + file + ": " + e.getMessage()
                    + ". The checkpoint is damaged or not an fp32 safetensors file; resume from an earlier one.", e);
        }
    }

    private static FloatTensor readTensor(FileChannel ch, long dataStart, String name, JsonNode entry, Path file)
            throws IOException {
        String dtype = entry.path("dtype").asText();
        if (!dtype.equals("F32")) {
            throw new IOException("tensor '" + name + "' has dtype " + dtype + "; only F32 is supported here");
        }
        long[] shape = new long[entry.path("shape").size()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = entry.path("shape").get(i).asLong();
            size *= shape[i];
        }
        long begin = entry.path("data_offsets").get(0).asLong();
        long end = entry.path("data_offsets").get(1).asLong();
        if (end - begin != 4 * size || dataStart + end > ch.size()) {
            throw new IOException("tensor '" + name + "' has offsets [" + begin + ", " + end
                    + ") that do not match its shape or the file size");
        }
        float[] data = new float[Math.toIntExact(size)];
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        long position = dataStart + begin;
        for (int i = 0; i < data.length; ) {
            int n = Math.min(CHUNK / 4, data.length - i);
            buf.clear().limit(n * 4);
            while (buf.hasRemaining()) {
                if (ch.read(buf, position + buf.position()) < 0) {
                    throw new IOException("file " + file + " ends inside tensor '" + name + "'");
                }
            }
            buf.flip();
            buf.asFloatBuffer().get(data, i, n);
            position += 4L * n;
            i += n;
        }
        return new FloatTensor(shape, data);
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new IOException("file " + file + " is truncated");
            }
        }
    }
}
