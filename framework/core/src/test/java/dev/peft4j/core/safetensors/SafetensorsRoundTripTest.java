package dev.peft4j.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DType.class)
    void rawBytesOfEveryDtypeComeBackBitForBit(DType dtype) {
        long[] shape = {3, 5};
        byte[] bytes = new byte[15 * dtype.byteSize()];
        new Random(dtype.ordinal()).nextBytes(bytes);
        Path file = dir.resolve("t.safetensors");

        new SafetensorsWriter().addRaw("t", dtype, shape, bytes).write(file);

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.info("t").dtype()).isEqualTo(dtype);
            assertThat(read.info("t").shape()).containsExactly(3, 5);
            assertThat(toArray(read.bytes("t"))).isEqualTo(bytes);
        }
    }

    @Test
    void floatTensorsStoredAsF32AndF64ReadBackExactly() {
        FloatTensor t = randomTensor(new long[] {4, 3, 2}, 1);
        Path file = dir.resolve("f.safetensors");

        new SafetensorsWriter().add("a", t).add("b", t, DType.F64).write(file);

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.readFloat("a")).isEqualTo(t);
            assertThat(read.readFloat("b")).isEqualTo(t);
            assertThat(read.info("b").dtype()).isEqualTo(DType.F64);
        }
    }

    @Test
    void halfPrecisionTensorsStoreTheRoundedBitsAndWidenOnRead() {
        FloatTensor t = randomTensor(new long[] {7, 9}, 2);
        Path file = dir.resolve("h.safetensors");

        new SafetensorsWriter().add("bf", t, DType.BF16).add("f16", t, DType.F16).write(file);

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            ByteBuffer bf = read.bytes("bf");
            ByteBuffer f16 = read.bytes("f16");
            float[] bfWide = read.readFloats("bf");
            float[] f16Wide = read.readFloats("f16");
            for (int i = 0; i < t.data().length; i++) {
                short expectedBf = HalfPrecision.floatToBf16(t.data()[i]);
                short expectedF16 = HalfPrecision.floatToF16(t.data()[i]);
                assertThat(bf.getShort(2 * i)).isEqualTo(expectedBf);
                assertThat(f16.getShort(2 * i)).isEqualTo(expectedF16);
                assertThat(bfWide[i]).isEqualTo(HalfPrecision.bf16ToFloat(expectedBf));
                assertThat(f16Wide[i]).isEqualTo(HalfPrecision.f16ToFloat(expectedF16));
            }
        }
    }

    @Test
    void integerTensorsWidenToLongWithTheirSignedness() {
        Path file = dir.resolve("i.safetensors");
        ByteBuffer i64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-3).putLong(Long.MAX_VALUE);
        new SafetensorsWriter()
                .addRaw("i64", DType.I64, new long[] {2}, i64.array())
                .addRaw("u8", DType.U8, new long[] {2}, new byte[] {(byte) 200, 7})
                .addRaw("i8", DType.I8, new long[] {2}, new byte[] {(byte) 200, 7})
                .addRaw("bool", DType.BOOL, new long[] {2}, new byte[] {1, 0})
                .write(file);

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.readLongs("i64")).containsExactly(-3, Long.MAX_VALUE);
            assertThat(read.readLongs("u8")).containsExactly(200, 7);
            assertThat(read.readLongs("i8")).containsExactly(-56, 7);
            assertThat(read.readLongs("bool")).containsExactly(1, 0);
        }
    }

    @Test
    void writesTheHeaderAsTheReferenceImplementationDoes() throws IOException {
        Path file = dir.resolve("layout.safetensors");
        new SafetensorsWriter()
                .add("b", new FloatTensor(new long[] {2}, new float[] {1f, 2f}))
                .addRaw("a", DType.I64, new long[] {1}, new byte[8])
                .addRaw("c", DType.U8, new long[] {1}, new byte[] {9})
                .write(file);

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        // metadata first, then the widest dtype first, names ascending within a dtype size
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
                + "\"c\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[16,17]}}";
        assertThat(headerLength % 8).isZero();
        assertThat(header).isEqualTo(json + " ".repeat((int) headerLength - json.length()));
        assertThat(bytes).hasSize(8 + (int) headerLength + 17);
    }

    @Test
    void writesCustomMetadataAndZeroSizedTensors() {
        Path file = dir.resolve("m.safetensors");
        new SafetensorsWriter().metadata("peft4j", "yes").add("empty", FloatTensor.zeros(0, 4)).write(file);

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.metadata()).containsEntry("format", "pt").containsEntry("peft4j", "yes");
            assertThat(read.readFloat("empty").shape()).containsExactly(0, 4);
        }
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("x.safetensors");
        Files.writeString(file, "old content");

        new SafetensorsWriter().add("t", FloatTensor.zeros(2)).write(file);

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThat(read.names()).containsExactly("t");
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    static FloatTensor randomTensor(long[] shape, long seed) {
        Random random = new Random(seed);
        float[] data = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return new FloatTensor(shape, data);
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
