package dev.peft4j.core.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.data.DataException;
import dev.peft4j.core.data.load.ColumnRef;
import dev.peft4j.core.importer.MiniLmFixture;
import dev.peft4j.core.tokenizer.HfTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusBlocksTest {

    /** Words the uncased WordPiece vocabulary holds whole: each is one token. */
    private static final List<String> WORDS = List.of("apple", "river", "house", "green", "music", "table", "horse",
            "cloud", "water", "light", "stone", "paper", "glass", "bread", "chair", "plant", "train", "money", "field",
            "night");
    private static HfTokenizer tokenizer;

    @TempDir
    Path work;

    @BeforeAll
    static void open() {
        tokenizer = HfTokenizer.open(MiniLmFixture.checkpoint().dir());
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /** One document per word: the word three times, so each document is three tokens of its own. */
    private Path corpus() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String word : WORDS) {
            lines.add(word + " " + word + " " + word);
        }
        return Files.write(work.resolve("words.txt"), lines);
    }

    private static PretrainSettings settings(Path file, double fraction, long seed) {
        return new PretrainSettings(ObjectiveChoice.AUTO, new CorpusSettings(List.of(file),
                CorpusFormat.TEXT, DocumentUnit.LINE, ColumnRef.named("text"), true, StandardCharsets.UTF_8), 16,
                fraction, new MaskingSettings(0.15, 0.8, 0.1), seed);
    }

    private CorpusBlocks build(PretrainSettings settings) {
        BlockLayout layout = BlockLayout.of(Objective.MASKED_LM, tokenizer, settings.blockSize());
        return CorpusBlocks.build(settings, Objective.MASKED_LM, layout, tokenizer, 30522, work);
    }

    /** How often each token occurs in the blocks, [CLS] and [SEP] left out. */
    private static Map<Integer, Integer> counts(BlockSource source) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int b = 0; b < source.size(); b++) {
            BlockBatch batch = source.batch(new int[] {b});
            for (int i = 0; i < batch.ids().length; i++) {
                if (batch.attentionMask()[i] == 1 && batch.ids()[i] != 101 && batch.ids()[i] != 102) {
                    counts.merge(batch.ids()[i], 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    @Test
    void exactlyTheHeldOutShareOfWholeDocumentsIsHeldOut() throws Exception {
        try (CorpusBlocks blocks = build(settings(corpus(), 0.2, 42))) {
            CorpusReport report = blocks.report();
            assertThat(report.documents()).isEqualTo(20);
            assertThat(report.validationDocuments()).isEqualTo(4);
            assertThat(report.trainDocuments()).isEqualTo(16);

            Map<Integer, Integer> heldOut = counts(blocks.validation());
            Map<Integer, Integer> train = counts(blocks.train());
            assertThat(heldOut).hasSize(4).allSatisfy((token, count) -> assertThat(count).isEqualTo(3));
            assertThat(train).hasSize(16).allSatisfy((token, count) -> assertThat(count).isEqualTo(3));
            assertThat(train.keySet()).doesNotContainAnyElementsOf(heldOut.keySet());
            // 16 documents of 3 tokens, 15 [SEP] between them, [CLS] + [SEP] around each block of 14
            assertThat(report.trainTokens()).isEqualTo(16 * 3 + 15 + 2L * blocks.train().size());
            assertThat(blocks.train().size()).isEqualTo((16 * 3 + 15 + 13) / 14);
        }
    }

    @Test
    void theHeldOutSampleFollowsTheSeed() throws Exception {
        Path file = corpus();
        try (CorpusBlocks a = build(settings(file, 0.25, 1)); CorpusBlocks b = build(settings(file, 0.25, 1));
                CorpusBlocks c = build(settings(file, 0.25, 2))) {
            assertThat(counts(b.validation())).isEqualTo(counts(a.validation()));
            assertThat(counts(c.validation()).keySet()).isNotEqualTo(counts(a.validation()).keySet());
        }
    }

    @Test
    void anEmptyOrSingleDocumentCorpusIsRefusedWithWhatItNeeds() throws Exception {
        Path blank = Files.writeString(work.resolve("blank.txt"), "\n   \n\n");
        assertThatThrownBy(() -> build(settings(blank, 0.1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("hold 0 document(s)", "at least two", "one per non-blank line");

        Path one = Files.writeString(work.resolve("one.txt"), "only one line\n");
        assertThatThrownBy(() -> build(settings(one, 0.1, 1))).hasMessageContaining("hold 1 document(s)");
    }
}
