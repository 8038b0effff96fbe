package dev.peft4j.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.safetensors.DType;
import dev.peft4j.core.safetensors.SafetensorsWeightStore;
import dev.peft4j.core.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxBertImporterTest {

    private static ImportedCheckpoint imported;
    private static Path checkpoint;
    private static OnnxGraph onnx;

    @BeforeAll
    static void importOnce() {
        imported = MiniLmFixture.checkpoint();
        checkpoint = imported.dir();
        onnx = MiniLmFixture.graph();
    }

    /** Every tensor of transformers' BertModel state dict for this size (no pooler: the ONNX export has none). */
    static Map<String, long[]> expectedShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new long[] {30522, 384});
        shapes.put("embeddings.position_embeddings.weight", new long[] {512, 384});
        shapes.put("embeddings.token_type_embeddings.weight", new long[] {2, 384});
        shapes.put("embeddings.LayerNorm.weight", new long[] {384});
        shapes.put("embeddings.LayerNorm.bias", new long[] {384});
        for (int l = 0; l < 6; l++) {
            String p = "encoder.layer." + l + ".";
            for (String proj : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense")) {
                shapes.put(p + proj + ".weight", new long[] {384, 384});
                shapes.put(p + proj + ".bias", new long[] {384});
            }
            shapes.put(p + "attention.output.LayerNorm.weight", new long[] {384});
            shapes.put(p + "attention.output.LayerNorm.bias", new long[] {384});
            shapes.put(p + "intermediate.dense.weight", new long[] {1536, 384});
            shapes.put(p + "intermediate.dense.bias", new long[] {1536});
            shapes.put(p + "output.dense.weight", new long[] {384, 1536});
            shapes.put(p + "output.dense.bias", new long[] {384});
            shapes.put(p + "output.LayerNorm.weight", new long[] {384});
            shapes.put(p + "output.LayerNorm.bias", new long[] {384});
        }
        return shapes;
    }

    @Test
    void writesEveryBertModelTensorWithItsHuggingFaceNameAndShape() {
        Map<String, long[]> expected = expectedShapes();

        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(checkpoint)) {
            assertThat(store.names()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            expected.forEach((name, shape) -> {
                assertThat(store.info(name).shape()).as(name).containsExactly(shape);
                assertThat(store.info(name).dtype()).as(name).isEqualTo(DType.F32);
            });
            assertThat(store.metadata()).containsEntry("format", "pt")
                    .containsEntry("peft4j.imported_from", "classpath:/all-minilm-l6-v2.onnx");
        }
        assertThat(imported.parameters()).isEqualTo(22_565_376L); // 22.7M of the model card, less the pooler
        assertThat(imported.reused()).isFalse();
    }

    @Test
    void transposesTheAnonymousMatMulWeightsToOutByIn() {
        // in the export, onnx::MatMul_787 is the first MatMul of layer 0's query projection, stored [in, out]
        OnnxTensor query = onnx.initializers().get("onnx::MatMul_787");
        OnnxTensor ffnOut = onnx.initializers().get("onnx::MatMul_799"); // layer 0 output.dense: [1536, 384]
        assertThat(ffnOut.dims()).containsExactly(1536, 384);

        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(checkpoint)) {
            assertTransposed(query.floats(), 384, 384, store.read("encoder.layer.0.attention.self.query.weight")
                    .data());
            assertTransposed(ffnOut.floats(), 1536, 384, store.read("encoder.layer.0.output.dense.weight").data());
        }
    }

    private static void assertTransposed(float[] inByOut, int in, int out, float[] outByIn) {
        assertThat(outByIn).hasSize(in * out);
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                if (Float.floatToRawIntBits(outByIn[o * in + i]) != Float.floatToRawIntBits(inByOut[i * out + o])) {
                    throw new AssertionError("element [" + o + ", " + i + "] differs from ONNX [" + i + ", " + o
                            + "]");
                }
            }
        }
    }

    @Test
    void keepsNamedInitializersAsTheyAre() {
        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(checkpoint)) {
            for (String name : List.of("embeddings.word_embeddings.weight", "encoder.layer.5.output.LayerNorm.weight",
                    "encoder.layer.3.intermediate.dense.bias")) {
                assertSameBits(name, onnx.initializers().get(name).floats(), store.read(name).data());
            }
        }
    }

    /** Element by element (AssertJ's array diff is quadratic, too slow for 11.7M values). */
    static void assertSameBits(String what, float[] expected, float[] actual) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                throw new AssertionError(what + " differs at " + i + ": " + actual[i] + " != " + expected[i]);
            }
        }
    }

    @Test
    void writesAHuggingFaceBertConfigReadFromTheGraph() throws IOException {
        JsonNode config = new ObjectMapper().readTree(checkpoint.resolve("config.json").toFile());

        assertThat(config.path("model_type").asText()).isEqualTo("bert");
        assertThat(config.path("architectures").get(0).asText()).isEqualTo("BertModel");
        assertThat(config.path("hidden_size").asInt()).isEqualTo(384);
        assertThat(config.path("num_hidden_layers").asInt()).isEqualTo(6);
        assertThat(config.path("num_attention_heads").asInt()).isEqualTo(12);
        assertThat(config.path("intermediate_size").asInt()).isEqualTo(1536);
        assertThat(config.path("vocab_size").asInt()).isEqualTo(30522);
        assertThat(config.path("max_position_embeddings").asInt()).isEqualTo(512);
        assertThat(config.path("type_vocab_size").asInt()).isEqualTo(2);
        assertThat(config.path("hidden_act").asText()).isEqualTo("gelu");
        assertThat(config.path("layer_norm_eps").asDouble()).isEqualTo(1e-12);
        assertThat(config.path("pad_token_id").asInt()).isZero();
        assertThat(config.path("position_embedding_type").asText()).isEqualTo("absolute");
        assertThat(imported.config()).isEqualTo(BertConfigReader.read(checkpoint.resolve("config.json")));
    }

    @Test
    void writesATokenizerThatEncodesWithoutTheBakedInPadding() throws IOException {
        try (HfTokenizer tokenizer = HfTokenizer.open(checkpoint)) {
            assertThat(tokenizer.encode("Hello world!", null, 512).ids()).containsExactly(101, 7592, 2088, 999, 102);
            assertThat(tokenizer.padId()).isZero();
            assertThat(tokenizer.modelMaxLength()).hasValue(512);
            assertThat(tokenizer.vocabSize()).isEqualTo(30522);
        }
        JsonNode tokenizerJson = new ObjectMapper().readTree(checkpoint.resolve("tokenizer.json").toFile());
        assertThat(tokenizerJson.get("padding").isNull()).isTrue();
        assertThat(tokenizerJson.get("truncation").isNull()).isTrue();
        JsonNode config = new ObjectMapper().readTree(checkpoint.resolve("tokenizer_config.json").toFile());
        assertThat(config.path("do_lower_case").asBoolean()).isTrue();
        assertThat(config.path("tokenizer_class").asText()).isEqualTo("BertTokenizer");
    }

    @Test
    void leavesNoTemporaryFolderBehind() throws IOException {
        try (Stream<Path> children = Files.list(checkpoint.getParent())) {
            assertThat(children.map(p -> p.getFileName().toString())).containsExactly("all-minilm-l6-v2");
        }
    }

    @Test
    void ensureImportedReusesACompleteImportWithoutRewritingIt() throws IOException {
        FileTime before = Files.getLastModifiedTime(checkpoint.resolve("model.safetensors"));

        ImportedCheckpoint again = OnnxBertImporter.ensureImported(checkpoint);

        assertThat(again.reused()).isTrue();
        assertThat(again.config()).isEqualTo(imported.config());
        assertThat(again.parameters()).isEqualTo(imported.parameters());
        assertThat(Files.getLastModifiedTime(checkpoint.resolve("model.safetensors"))).isEqualTo(before);
    }

    @Test
    void refusesToImportIntoAFolderThatHoldsSomethingElse(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "mine");

        assertThatThrownBy(() -> OnnxBertImporter.ensureImported(dir)).isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("exists and is not empty; delete it to import again");
        assertThat(dir.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void aLinearWeightWhoseMatMulFeedsNoBiasAddNamesTheNode() {
        // cut the Add of layer 0's query bias out of the graph: the MatMul's output now goes nowhere
        List<OnnxNode> nodes = new ArrayList<>(onnx.nodes());
        nodes.removeIf(n -> n.name().equals("/encoder/layer.0/attention/self/query/Add"));
        OnnxGraph broken = new OnnxGraph(nodes, onnx.initializers(), onnx.inputs(), onnx.outputs());

        assertThatThrownBy(() -> BertGraphMapper.map(broken, "broken.onnx"))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("broken.onnx")
                .hasMessageContaining("initializer 'onnx::MatMul_787' feeds MatMul node "
                        + "'/encoder/layer.0/attention/self/query/MatMul'")
                .hasMessageContaining("instead of one Add with a named '<layer>.bias'");
    }

    @Test
    void aMissingBertTensorIsNamed() {
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>(onnx.initializers());
        initializers.remove("encoder.layer.4.attention.output.LayerNorm.bias");
        OnnxGraph broken = new OnnxGraph(onnx.nodes(), initializers, onnx.inputs(), onnx.outputs());

        assertThatThrownBy(() -> BertGraphMapper.map(broken, "broken.onnx")).isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("no tensor 'encoder.layer.4.attention.output.LayerNorm.bias'");
    }

    @Test
    void aFileThatIsNotOnnxIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path bogus = dir.resolve("model.onnx");
        Files.write(bogus, new byte[] {0x3a, 0x7f, 0x01, 0x02}); // field 7 (graph), 127 bytes promised, 2 present
        Path tokenizer = dir.resolve("tokenizer.json");
        Files.writeString(tokenizer, "{}");

        assertThatThrownBy(() -> OnnxBertImporter.importFrom(bogus, tokenizer, dir.resolve("out")))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageContaining(bogus.toString())
                .hasMessageContaining("not a readable ONNX protobuf");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
