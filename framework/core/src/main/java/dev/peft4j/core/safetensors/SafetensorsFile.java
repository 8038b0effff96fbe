package dev.peft4j.core.safetensors;

import dev.peft4j.spi.FloatTensor;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One safetensors file, validated when opened and read tensor by tensor through memory maps (the bytes of a tensor
 * are never copied until they are converted).
 *
 * <p>Layout: an unsigned 64-bit little-endian header length N, N bytes of JSON header, then the data buffer that the
 * header's {@code data_offsets} index from 0.
 */
public final class SafetensorsFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, String> metadata;
    private final Map<String, TensorInfo> tensors;

    private SafetensorsFile(Path path, FileChannel channel, long dataStart, SafetensorsHeader header) {
        this.path = path;
        this.channel = channel;
        this.dataStart = dataStart;
        this.metadata = header.metadata();
        Map<String, TensorInfo> byName = new LinkedHashMap<>();
        header.tensors().forEach(t -> byName.put(t.name(), t));
        this.tensors = Collections.unmodifiableMap(byName);
    }

    /** Opens and validates a file; every format violation is a {@link SafetensorsFormatException}. */
    public static SafetensorsFile open(Path path) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open safetensors file " + path + ": " + e.getMessage(), e);
        }
        try {
            long size = channel.size();
            if (size < 8) {
                throw new SafetensorsFormatException(path, null,
                        "the file is truncated: " + size + " bytes, less than the 8-byte header length");
            }
            long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > SafetensorsHeader.MAX_HEADER_BYTES) {
                throw new SafetensorsFormatException(path, null, "the header length "
                        + Long.toUnsignedString(headerLength) + " exceeds the limit of "
                        + SafetensorsHeader.MAX_HEADER_BYTES + " bytes (is this a safetensors file?)");
            }
            if (headerLength > size - 8) {
                throw new SafetensorsFormatException(path, null, "the file is truncated: the header length is "
                        + headerLength + " bytes but only " + (size - 8) + " bytes follow it");
            }
            ByteBuffer json = readFully(channel, 8, (int) headerLength);
            long dataStart = 8 + headerLength;
            SafetensorsHeader header = SafetensorsHeader.parse(path, json.array(), size - dataStart);
            return new SafetensorsFile(path, channel, dataStart, header);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException("cannot read safetensors file " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The {@code __metadata__} strings (e.g. {@code format=pt}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    public List<TensorInfo> tensors() {
        return List.copyOf(tensors.values());
    }

    public Optional<TensorInfo> find(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    public TensorInfo info(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new MissingTensorException(path, name, "no such tensor in this file (it holds " + tensors.size()
                    + " tensors" + TensorNames.suggestion(name, tensors.keySet()) + ")");
        }
        return info;
    }

    /** The raw little-endian bytes of a tensor, read-only, mapped from the file without copying. */
    public ByteBuffer bytes(String name) {
        TensorInfo info = info(name);
        if (info.byteLength() > Integer.MAX_VALUE) {
            throw new UnsupportedOperationException(path + ", tensor '" + name + "': " + info.byteLength()
                    + " bytes do not fit one Java buffer (2 GiB); split the tensor or the checkpoint");
        }
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + info.begin(), info.byteLength())
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map tensor '" + name + "' of " + path + ": " + e.getMessage(), e);
        }
    }

    /** A floating-point tensor as fp32: F16 and BF16 widened exactly, F64 rounded. */
    public FloatTensor readFloat(String name) {
        return new FloatTensor(info(name).shape(), readFloats(name));
    }

    public float[] readFloats(String name) {
        TensorInfo info = info(name);
        if (!info.dtype().isFloatingPoint()) {
            throw new SafetensorsFormatException(path, name, "is " + info.dtype()
                    + ", not a floating-point tensor; read it with readLongs");
        }
        float[] out = new float[elementCountAsInt(info)];
        ByteBuffer bytes = bytes(name);
        switch (info.dtype()) {
            case F32 -> bytes.asFloatBuffer().get(out);
            case F64 -> {
                var doubles = bytes.asDoubleBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) doubles.get(i);
                }
            }
            case F16 -> {
                ShortBuffer halves = bytes.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = HalfPrecision.f16ToFloat(halves.get(i));
                }
            }
            case BF16 -> {
                ShortBuffer halves = bytes.asShortBuffer();
                for (int i = 0; i < out.length; i++) {
                    out[i] = HalfPrecision.bf16ToFloat(halves.get(i));
                }
            }
            default -> throw new IllegalStateException("unhandled floating-point dtype " + info.dtype());
        }
        return out;
    }

    /** An integer or boolean tensor widened to long (unsigned types read as unsigned). */
    public long[] readLongs(String name) {
        TensorInfo info = info(name);
        if (info.dtype().isFloatingPoint()) {
            throw new SafetensorsFormatException(path, name, "is " + info.dtype()
                    + ", not an integer tensor; read it with readFloats");
        }
        long[] out = new long[elementCountAsInt(info)];
        ByteBuffer bytes = bytes(name);
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (info.dtype()) {
                case I64, U64 -> bytes.getLong(i * 8);
                case I32 -> bytes.getInt(i * 4);
                case U32 -> Integer.toUnsignedLong(bytes.getInt(i * 4));
                case I16 -> bytes.getShort(i * 2);
                case U16 -> Short.toUnsignedLong(bytes.getShort(i * 2));
                case I8 -> bytes.get(i);
                case U8, BOOL -> Byte.toUnsignedLong(bytes.get(i));
                default -> throw new IllegalStateException("unhandled integer dtype " + info.dtype());
            };
        }
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
        }
    }

    private int elementCountAsInt(TensorInfo info) {
        long n = info.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new UnsupportedOperationException(path + ", tensor '" + info.name() + "': " + n
                    + " elements do not fit one Java array");
        }
        return (int) n;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
