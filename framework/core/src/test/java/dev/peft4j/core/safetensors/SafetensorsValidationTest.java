package dev.peft4j.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

class SafetensorsValidationTest {

    @TempDir
    Path dir;

    private Path file(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return file(json.length, json, dataBytes);
    }

    private Path file(long declaredHeaderLength, byte[] header, int dataBytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredHeaderLength).put(header);
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, b.array());
        return file;
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin
                + "," + end + "]}";
    }

    private SafetensorsFormatException failure(Path file) {
        return catchThrowableOfType(SafetensorsFormatException.class, () -> SafetensorsFile.open(file).close());
    }

    @Test
    void aFileShorterThanTheLengthPrefixIsTruncated() throws IOException {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[] {1, 2, 3});

        SafetensorsFormatException e = failure(file);

        assertThat(e.file()).isEqualTo(file);
        assertThat(e.tensor()).isNull();
        assertThat(e).hasMessageContaining(file.toString()).hasMessageContaining("truncated");
    }

    @Test
    void aHeaderLengthAboveTheLimitIsRefused() throws IOException {
        Path file = file(200_000_000L, new byte[16], 0);

        assertThat(failure(file)).hasMessageContaining("exceeds the limit of 100000000 bytes");
    }

    @Test
    void aHeaderLengthWithTheTopBitSetIsRefusedNotMisreadAsNegative() throws IOException {
        Path file = file(-8L, new byte[16], 0);

        assertThat(failure(file)).hasMessageContaining("18446744073709551608").hasMessageContaining("exceeds");
    }

    @Test
    void aHeaderLongerThanTheFileIsTruncated() throws IOException {
        Path file = file(64, "{}".getBytes(StandardCharsets.UTF_8), 0);

        assertThat(failure(file)).hasMessageContaining("truncated").hasMessageContaining("header length is 64");
    }

    @Test
    void aDataBufferShorterThanTheOffsetsIsTruncatedAndNamesTheTensor() throws IOException {
        Path file = file("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[4]", 8, 24) + "}", 12);

        SafetensorsFormatException e = failure(file);

        assertThat(e.tensor()).isEqualTo("b");
        assertThat(e).hasMessageContaining("tensor 'b'").hasMessageContaining("truncated")
                .hasMessageContaining("holds only 12 bytes");
    }

    @Test
    void overlappingOffsetsNameTheTensorAndTheOneItOverlaps() throws IOException {
        Path file = file("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}", 12);

        SafetensorsFormatException e = failure(file);

        assertThat(e.tensor()).isEqualTo("b");
        assertThat(e).hasMessageContaining("overlap tensor 'a'");
    }

    @Test
    void aGapBetweenTensorsIsRefused() throws IOException {
        Path file = file("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}", 12);

        SafetensorsFormatException e = failure(file);

        assertThat(e.tensor()).isEqualTo("b");
        assertThat(e).hasMessageContaining("gap").hasMessageContaining("[4, 8)");
    }

    @Test
    void aFirstTensorThatDoesNotBeginAtZeroLeavesAGap() throws IOException {
        Path file = file("{" + entry("a", "F32", "[1]", 4, 8) + "}", 8);

        assertThat(failure(file)).hasMessageContaining("gap").hasMessageContaining("must begin at 0");
    }

    @Test
    void bytesAfterTheLastTensorAreRefused() throws IOException {
        Path file = file("{" + entry("a", "F32", "[1]", 0, 4) + "}", 10);

        assertThat(failure(file)).hasMessageContaining("6 bytes at the end of the data buffer belong to no tensor");
    }

    @Test
    void aShapeThatDoesNotMatchTheByteCountNamesTheTensor() throws IOException {
        Path file = file("{" + entry("w", "BF16", "[3,2]", 0, 8) + "}", 8);

        SafetensorsFormatException e = failure(file);

        assertThat(e.tensor()).isEqualTo("w");
        assertThat(e).hasMessageContaining("shape [3, 2] of BF16 needs 12 bytes, but data_offsets span 8");
    }

    @Test
    void aShapeWhoseByteCountOverflowsIsRefused() throws IOException {
        Path file = file("{" + entry("w", "F64", "[4611686018427387904,4]", 0, 8) + "}", 8);

        assertThat(failure(file)).hasMessageContaining("overflows");
    }

    @Test
    void aHeaderThatIsNotJsonIsRefused() throws IOException {
        Path file = file("{\"a\": {\"dtype\": ", 0);

        SafetensorsFormatException e = failure(file);

        assertThat(e).hasMessageContaining("not valid JSON");
        assertThat(e.tensor()).isNull();
    }

    @Test
    void aHeaderThatIsAJsonArrayIsRefused() throws IOException {
        assertThat(failure(file("[1, 2]", 0))).hasMessageContaining("must be a JSON object, but is array");
    }

    @Test
    void trailingGarbageAfterTheHeaderObjectIsRefused() throws IOException {
        assertThat(failure(file("{} {}", 0))).hasMessageContaining("not valid JSON");
    }

    @Test
    void aDuplicateTensorNameIsRefused() throws IOException {
        Path file = file("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("a", "F32", "[1]", 4, 8) + "}", 8);

        assertThat(failure(file)).hasMessageContaining("Duplicate field 'a'");
    }

    @Test
    void anUnknownDtypeNamesTheTensorAndTheKnownTypes() throws IOException {
        Path file = file("{" + entry("q", "Q4_K", "[2]", 0, 2) + "}", 2);

        SafetensorsFormatException e = failure(file);

        assertThat(e.tensor()).isEqualTo("q");
        assertThat(e).hasMessageContaining("unsupported dtype 'Q4_K'").hasMessageContaining("BF16");
    }

    @Test
    void negativeOrFractionalOffsetsAreRefused() throws IOException {
        assertThat(failure(file("{" + entry("a", "F32", "[1]", -4, 0) + "}", 0)))
                .hasMessageContaining("non-negative integers");
        assertThat(failure(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4)))
                .hasMessageContaining("'shape' must hold non-negative integers");
    }

    @Test
    void offsetsThatEndBeforeTheyBeginAreRefused() throws IOException {
        assertThat(failure(file("{" + entry("a", "F32", "[0]", 4, 0) + "}", 4)))
                .hasMessageContaining("end 0 is before begin 4");
    }

    @Test
    void metadataMustMapStringsToStrings() throws IOException {
        assertThat(failure(file("{\"__metadata__\":{\"format\":3}}", 0)))
                .hasMessageContaining("__metadata__ value of 'format' must be a string");
    }

    @Test
    void readingAnAbsentTensorNamesTheFileTheTensorAndALikelyMatch() throws IOException {
        Path file = dir.resolve("ok.safetensors");
        new SafetensorsWriter().add("bert.embeddings.weight", FloatTensor.zeros(2)).write(file);

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThatThrownBy(() -> read.readFloats("embeddings.weight"))
                    .isInstanceOf(MissingTensorException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("tensor 'embeddings.weight'")
                    .hasMessageContaining("did you mean 'bert.embeddings.weight'?");
        }
    }

    @Test
    void readingAnIntegerTensorAsFloatIsATypedError() throws IOException {
        Path file = dir.resolve("ids.safetensors");
        new SafetensorsWriter().addRaw("ids", DType.I64, new long[] {1}, new byte[8]).write(file);

        try (SafetensorsFile read = SafetensorsFile.open(file)) {
            assertThatThrownBy(() -> read.readFloats("ids")).isInstanceOf(SafetensorsFormatException.class)
                    .hasMessageContaining("is I64, not a floating-point tensor");
        }
    }

    @Test
    void randomlyCorruptedFilesFailOnlyWithTheTypedErrorOrReadCleanly() throws IOException {
        Path good = dir.resolve("good.safetensors");
        new SafetensorsWriter()
                .add("a", SafetensorsRoundTripTest.randomTensor(new long[] {3, 4}, 5))
                .add("b", SafetensorsRoundTripTest.randomTensor(new long[] {5}, 6), DType.BF16)
                .write(good);
        byte[] original = Files.readAllBytes(good);
        Random random = new Random(42);
        Path corrupted = dir.resolve("corrupted.safetensors");
        int refused = 0;
        for (int trial = 0; trial < 500; trial++) {
            byte[] bytes = original.clone();
            if (trial % 3 == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            } else {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    // mostly the length prefix and header, where the structure lives
                    int at = random.nextInt(Math.min(bytes.length, 8 + 200));
                    bytes[at] = (byte) random.nextInt(256);
                }
            }
            Files.write(corrupted, bytes);
            try (SafetensorsFile read = SafetensorsFile.open(corrupted)) {
                for (String name : read.names()) {
                    if (read.info(name).dtype().isFloatingPoint()) {
                        read.readFloats(name);
                    } else {
                        read.readLongs(name);
                    }
                }
            } catch (SafetensorsFormatException expected) {
                assertThat(expected.file()).isEqualTo(corrupted);
                refused++;
            }
        }
        assertThat(refused).as("corruptions refused").isBetween(100, 499);
    }
}
