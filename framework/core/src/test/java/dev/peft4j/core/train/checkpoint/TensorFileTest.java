package dev.peft4j.core.train.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.spi.FloatTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSafetensorsLayout() throws Exception {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        tensors.put("a", new FloatTensor(new long[] {2}, new float[] {1.5f, -2f}));
        tensors.put("b.weight", new FloatTensor(new long[] {1, 1}, new float[] {3f}));
        Path file = dir.resolve("t.safetensors");
        TensorFile.write(file, tensors);

        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong();
        assertThat(headerLength % 8).isZero();
        byte[] header = new byte[(int) headerLength];
        bytes.get(header);
        JsonNode json = new ObjectMapper().readTree(new String(header, StandardCharsets.UTF_8).trim());
        assertThat(json.path("a").path("dtype").asText()).isEqualTo("F32");
        assertThat(json.path("a").path("data_offsets").toString()).isEqualTo("[0,8]");
        assertThat(json.path("b.weight").path("shape").toString()).isEqualTo("[1,1]");
        assertThat(json.path("b.weight").path("data_offsets").toString()).isEqualTo("[8,12]");
        assertThat(bytes.getFloat()).isEqualTo(1.5f);
        assertThat(bytes.getFloat()).isEqualTo(-2f);
        assertThat(bytes.getFloat()).isEqualTo(3f);
        assertThat(bytes.hasRemaining()).isFalse();
    }

    @Test
    void roundTripsTensorsLargerThanOneChunk() {
        float[] big = new float[700_001];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f - 7;
        }
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        tensors.put("scalar", new FloatTensor(new long[0], new float[] {42f}));
        tensors.put("big", new FloatTensor(new long[] {700_001}, big));
        tensors.put("empty", new FloatTensor(new long[] {0, 3}, new float[0]));
        Path file = dir.resolve("big.safetensors");
        try {
            TensorFile.write(file, tensors);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        Map<String, FloatTensor> back = TensorFile.read(file);
        assertThat(back).containsOnlyKeys("scalar", "big", "empty");
        assertThat(back.get("big")).isEqualTo(tensors.get("big"));
        assertThat(back.get("scalar").shape()).isEmpty();
        assertThat(back.get("empty").shape()).containsExactly(0, 3);
    }

    @Test
    void otherDtypesAndTruncatedFilesAreRefusedWithAHint() throws Exception {
        Path file = dir.resolve("half.safetensors");
        String json = "{\"w\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        ByteBuffer b = ByteBuffer.allocate(8 + json.length() + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length()).put(json.getBytes(StandardCharsets.UTF_8)).putShort((short) 0);
        Files.write(file, b.array());
        assertThatThrownBy(() -> TensorFile.read(file)).hasMessageContaining("half.safetensors")
                .hasMessageContaining("'w' has dtype F16");

        Path cut = dir.resolve("cut.safetensors");
        TensorFile.write(cut, Map.of("x", new FloatTensor(new long[] {4}, new float[4])));
        byte[] all = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 4));
        assertThatThrownBy(() -> TensorFile.read(cut)).hasMessageContaining("cut.safetensors")
                .hasMessageContaining("resume from an earlier one");
    }
}
