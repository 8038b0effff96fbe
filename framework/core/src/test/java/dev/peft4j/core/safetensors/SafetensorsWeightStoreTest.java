package dev.peft4j.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWeightStoreTest {

    @TempDir
    Path dir;

    private final Map<String, FloatTensor> tensors = new LinkedHashMap<>();

    SafetensorsWeightStoreTest() {
        tensors.put("embed.weight", SafetensorsRoundTripTest.randomTensor(new long[] {10, 4}, 1)); // 160 bytes
        tensors.put("layer.0.weight", SafetensorsRoundTripTest.randomTensor(new long[] {4, 4}, 2)); // 64 bytes
        tensors.put("layer.0.bias", SafetensorsRoundTripTest.randomTensor(new long[] {4}, 3)); // 16 bytes
        tensors.put("layer.1.weight", SafetensorsRoundTripTest.randomTensor(new long[] {4, 4}, 4)); // 64 bytes
    }

    private SafetensorsWriter writer() {
        SafetensorsWriter writer = new SafetensorsWriter();
        tensors.forEach(writer::add);
        return writer;
    }

    @Test
    void readsASingleFileCheckpointFolder() {
        writer().write(dir.resolve("model.safetensors"));

        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(dir)) {
            assertThat(store.names()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
            tensors.forEach((name, t) -> assertThat(store.read(name)).isEqualTo(t));
            assertThat(store.shape("embed.weight")).containsExactly(10L, 4L);
            assertThat(store.metadata()).containsEntry("format", "pt");
        }
    }

    @Test
    void writesAndReadsAShardedCheckpointWithItsIndex() throws IOException {
        writer().writeSharded(dir, 100);

        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
                    "model-00003-of-00003.safetensors", "model.safetensors.index.json");
        }
        String index = Files.readString(dir.resolve("model.safetensors.index.json"));
        assertThat(index).contains("\"total_size\" : 304").contains("\"layer.1.weight\" : \"model-00003-of-00003");
        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(dir)) {
            assertThat(store.names()).containsExactlyInAnyOrderElementsOf(tensors.keySet());
            tensors.forEach((name, t) -> assertThat(store.read(name)).isEqualTo(t));
        }
    }

    @Test
    void anIndexedTensorMissingFromItsShardNamesTheShardAndTheTensor() throws IOException {
        writer().writeSharded(dir, 100);
        Path index = dir.resolve("model.safetensors.index.json");
        Files.writeString(index, Files.readString(index).replace("\"layer.0.bias\"", "\"layer.0.bias_typo\""));

        MissingTensorException e = catchThrowableOfType(MissingTensorException.class,
                () -> SafetensorsWeightStore.open(dir));

        assertThat(e.tensor()).isEqualTo("layer.0.bias_typo");
        assertThat(e.file()).isEqualTo(dir.resolve("model-00002-of-00003.safetensors"));
        assertThat(e).hasMessageContaining("maps it to this shard, but the shard does not hold it");
    }

    @Test
    void aMissingShardFileIsNamed() throws IOException {
        writer().writeSharded(dir, 100);
        Files.delete(dir.resolve("model-00002-of-00003.safetensors"));

        assertThatThrownBy(() -> SafetensorsWeightStore.open(dir)).isInstanceOf(SafetensorsFormatException.class)
                .hasMessageContaining("shard file 'model-00002-of-00003.safetensors' is missing");
    }

    @Test
    void aShardOutsideTheCheckpointFolderIsRefused() throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"a\": \"../elsewhere.safetensors\"}}");

        assertThatThrownBy(() -> SafetensorsWeightStore.open(dir)).isInstanceOf(SafetensorsFormatException.class)
                .hasMessageContaining("must be a file name in the checkpoint folder");
    }

    @Test
    void anIndexWithoutWeightMapIsRefused() throws IOException {
        Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\": {}}");

        assertThatThrownBy(() -> SafetensorsWeightStore.open(dir)).isInstanceOf(SafetensorsFormatException.class)
                .hasMessageContaining("weight_map");
    }

    @Test
    void aFolderWithoutWeightsSaysWhatItHoldsAndWhatIsExpected() throws IOException {
        Files.writeString(dir.resolve("pytorch_model.bin"), "x");

        assertThatThrownBy(() -> SafetensorsWeightStore.open(dir)).isInstanceOf(SafetensorsFormatException.class)
                .hasMessageContaining("neither model.safetensors nor model.safetensors.index.json")
                .hasMessageContaining("pytorch_model.bin");
    }

    @Test
    void readingAnAbsentTensorNamesTheCheckpoint() {
        writer().write(dir.resolve("model.safetensors"));

        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(dir)) {
            assertThatThrownBy(() -> store.read("layer.2.weight")).isInstanceOf(MissingTensorException.class)
                    .hasMessageContaining("tensor 'layer.2.weight'").hasMessageContaining("model.safetensors");
        }
    }

    @Test
    void opensTheRealTinyGpt2CheckpointWithItsHuggingFaceNamesAndShapes() {
        Path checkpoint = SharedDir.resolve("models/tiny-gpt2");

        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(checkpoint)) {
            assertThat(store.names()).hasSize(28).contains(
                    "transformer.wte.weight", "transformer.wpe.weight", "transformer.ln_f.weight",
                    "transformer.h.0.attn.c_attn.weight", "transformer.h.1.mlp.c_proj.weight");
            assertThat(store.names()).doesNotContain("lm_head.weight"); // tied to wte, as transformers saves it
            assertThat(store.shape("transformer.wte.weight")).containsExactly(50257L, 2L);
            assertThat(store.shape("transformer.wpe.weight")).containsExactly(1024L, 2L);
            // Conv1D keeps [in, out]: c_attn maps 2 -> 3 * 2, c_fc 2 -> 8, mlp.c_proj 8 -> 2
            assertThat(store.shape("transformer.h.0.attn.c_attn.weight")).containsExactly(2L, 6L);
            assertThat(store.shape("transformer.h.0.mlp.c_fc.weight")).containsExactly(2L, 8L);
            assertThat(store.shape("transformer.h.0.mlp.c_proj.weight")).containsExactly(8L, 2L);
            assertThat(store.info("transformer.wte.weight").dtype()).isEqualTo(DType.F32);
            assertThat(store.metadata()).containsEntry("format", "pt");
            // values read independently from the file's bytes
            float[] wte = store.read("transformer.wte.weight").data();
            assertThat(Float.floatToRawIntBits(wte[0])).isEqualTo(0x3b62a18a);
            assertThat(Float.floatToRawIntBits(wte[1])).isEqualTo(0xbc1d9034);
            assertThat(store.read("transformer.ln_f.weight").data()).containsExactly(1f, 1f);
        }
    }

    @Test
    void rewritingTheRealCheckpointReproducesEveryTensorBitForBit() {
        Path checkpoint = SharedDir.resolve("models/tiny-gpt2");
        try (SafetensorsWeightStore original = SafetensorsWeightStore.open(checkpoint)) {
            SafetensorsWriter writer = new SafetensorsWriter();
            original.names().forEach(n -> writer.add(n, original.read(n)));
            writer.write(dir.resolve("model.safetensors"));

            try (SafetensorsWeightStore copy = SafetensorsWeightStore.open(dir)) {
                assertThat(copy.names()).isEqualTo(original.names());
                for (String name : original.names()) {
                    assertThat(copy.bytes(name)).as(name).isEqualTo(original.bytes(name));
                }
            }
        }
    }

    @Test
    void shapesAreListsOfLongs() {
        writer().write(dir.resolve("model.safetensors"));
        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(dir.resolve("model.safetensors"))) {
            assertThat(store.shape("layer.0.bias")).isEqualTo(List.of(4L));
        }
    }
}
