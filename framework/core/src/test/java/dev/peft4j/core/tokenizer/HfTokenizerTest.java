package dev.peft4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peft4j.core.safetensors.SharedDir;
import dev.peft4j.core.tokenizer.TextTokenizer.Encoding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HfTokenizerTest {

    /** BERT's [CLS] and [SEP] in the uncased vocabulary. */
    private static final long CLS = 101;
    private static final long SEP = 102;

    @TempDir
    static Path bertDir;

    private static HfTokenizer gpt2;
    private static HfTokenizer bert;

    @BeforeAll
    static void open() throws IOException {
        gpt2 = HfTokenizer.open(SharedDir.resolve("models/tiny-gpt2"));
        copyMiniLmTokenizer(bertDir);
        bert = HfTokenizer.open(bertDir);
    }

    @AfterAll
    static void close() {
        gpt2.close();
        bert.close();
    }

    /** all-MiniLM-L6-v2's tokenizer.json, as the langchain4j jar carries it, alone in a folder. */
    static void copyMiniLmTokenizer(Path dir) throws IOException {
        try (InputStream in = HfTokenizerTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, dir.resolve("tokenizer.json"));
        }
    }

    static Stream<ReferenceVectors.Case> gpt2Vectors() {
        return ReferenceVectors.load("gpt-2").cases().stream();
    }

    static Stream<ReferenceVectors.Case> bertVectors() {
        return ReferenceVectors.load("bert-bge").cases().stream();
    }

    @ParameterizedTest
    @MethodSource("gpt2Vectors")
    void gpt2EncodesTheReferenceVectorsExactly(ReferenceVectors.Case c) {
        // GPT-2's post-processor adds no special tokens, so its ids are the reference ids as they are
        Encoding e = gpt2.encode(c.text(), null, 1024);

        assertThat(e.ids()).containsExactly(c.ids());
        assertThat(e.typeIds()).isEqualTo(new long[e.length()]);
    }

    /**
     * The vectors are bert-base-uncased's WordPiece (bge's vocabulary); all-MiniLM-L6-v2 has the same 30,522-token
     * vocabulary and the same BertNormalizer (lowercase, accents stripped, CJK split), so they must agree exactly.
     */
    @ParameterizedTest
    @MethodSource("bertVectors")
    void bertEncodesTheReferenceVectorsBetweenClsAndSep(ReferenceVectors.Case c) {
        Encoding e = bert.encode(c.text(), null, 512);

        long[] expected = LongStream.concat(LongStream.concat(LongStream.of(CLS), Arrays.stream(c.ids())),
                LongStream.of(SEP)).toArray();
        assertThat(e.ids()).containsExactly(expected);
    }

    @Test
    void bertEncodesASentencePairWithSegmentIds() {
        Encoding e = bert.encode("Hello world", "How are you?", 64);

        // [CLS] hello world [SEP] how are you ? [SEP]
        assertThat(e.ids()).containsExactly(CLS, 7592, 2088, SEP, 2129, 2024, 2017, 1029, SEP);
        assertThat(e.typeIds()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 1);
    }

    @Test
    void truncatesASingleTextToMaxLengthKeepingItsSpecialTokens() {
        Encoding e = bert.encode("one two three four five six seven eight", null, 5);

        assertThat(e.ids()).containsExactly(CLS, 2028, 2048, 2093, SEP);
    }

    @Test
    void truncatesTheLongerTextOfAPairFirst() {
        Encoding e = bert.encode("one two three four five six", "yes", 7);

        // [CLS] one two three [SEP] yes [SEP]: the pair keeps its one token, the longer first text gives way
        assertThat(e.ids()).containsExactly(CLS, 2028, 2048, 2093, SEP, 2748, SEP);
        assertThat(e.typeIds()).containsExactly(0, 0, 0, 0, 0, 1, 1);
    }

    @Test
    void truncatesBeyondTheBindingsDefaultOf512() {
        String text = "hello ".repeat(1500);

        assertThat(gpt2.encode(text, null, 1000).length()).isEqualTo(1000);
        assertThat(gpt2.encode(text, null, 10).length()).isEqualTo(10);
    }

    @Test
    void ignoresThePaddingAndTruncationStoredInTokenizerJson() {
        // the MiniLM tokenizer.json pads to a fixed 128 and truncates at 128; batches pad, callers truncate
        assertThat(bert.encode("hello", null, 512).ids()).containsExactly(CLS, 7592, SEP);
        assertThat(bert.encode("hello ".repeat(300), null, 300).length()).isEqualTo(300);
    }

    @Test
    void gpt2PadsWithItsEosTokenAndReadsItsConfig() {
        assertThat(gpt2.padId()).isEqualTo(50256);
        assertThat(gpt2.vocabSize()).isEqualTo(50257);
        assertThat(gpt2.paddingSide()).isEqualTo(PaddingSide.RIGHT);
        assertThat(gpt2.modelMaxLength()).hasValue(1024);
    }

    @Test
    void bertPadsWithPadFromTokenizerJsonWhenThereIsNoConfig() {
        assertThat(bert.padId()).isZero();
        assertThat(bert.vocabSize()).isEqualTo(30522);
        assertThat(bert.modelMaxLength()).isEmpty();
        assertThat(bert.tokenId("[MASK]")).hasValue(103);
    }

    @Test
    void readsPadTokenPaddingSideAndMaxLengthFromTokenizerConfig(@TempDir Path dir) throws IOException {
        copyMiniLmTokenizer(dir);
        Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"pad_token": {"content": "[MASK]", "__type": "AddedToken"}, "padding_side": "left",
                 "model_max_length": 256}""");

        try (HfTokenizer t = HfTokenizer.open(dir)) {
            assertThat(t.padId()).isEqualTo(103);
            assertThat(t.paddingSide()).isEqualTo(PaddingSide.LEFT);
            assertThat(t.modelMaxLength()).hasValue(256);
        }
    }

    @Test
    void takesThePadTokenFromTheSpecialTokensMapWhenTheConfigHasNone(@TempDir Path dir) throws IOException {
        copyMiniLmTokenizer(dir);
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"pad_token\": \"[UNK]\"}");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 1e30}");

        try (HfTokenizer t = HfTokenizer.open(dir)) {
            assertThat(t.padId()).isEqualTo(100);
            assertThat(t.modelMaxLength()).isEmpty();
        }
    }

    @Test
    void aPadTokenOutsideTheVocabularyIsNamed(@TempDir Path dir) throws IOException {
        copyMiniLmTokenizer(dir);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"pad_token\": \"<pad>\"}");

        assertThatThrownBy(() -> HfTokenizer.open(dir)).isInstanceOf(TokenizerLoadException.class)
                .hasMessageContaining("the pad token '<pad>' is not in tokenizer.json");
    }

    @Test
    void aFolderWithoutTokenizerJsonIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> HfTokenizer.open(dir)).isInstanceOf(TokenizerLoadException.class)
                .hasMessageContaining(dir.resolve("tokenizer.json").toString()).hasMessageContaining("missing");
    }

    @Test
    void aTokenizerJsonTheLibraryCannotReadIsNamed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"Nonsense\", \"vocab\": {\"a\": 0}}}");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"pad_token\": \"a\"}");

        assertThatThrownBy(() -> HfTokenizer.open(dir)).isInstanceOf(TokenizerLoadException.class)
                .hasMessageContaining("tokenizer.json").hasMessageContaining("cannot load it");
    }

    @Test
    void keepsTheBindingOfflineAndFreeOfTelemetry() {
        assumeTrue(System.getenv("DJL_OFFLINE") == null && System.getenv("OPT_OUT_TRACKING") == null);

        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    }

    @Test
    void refusesAMaxLengthBelowOne() {
        assertThatThrownBy(() -> bert.encode("x", null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLength must be at least 1");
    }
}
