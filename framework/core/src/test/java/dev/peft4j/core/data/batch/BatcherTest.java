package dev.peft4j.core.data.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.data.DataPipeline;
import dev.peft4j.core.data.PreparedData;
import dev.peft4j.core.data.TestSettings;
import dev.peft4j.core.data.WhitespaceTokenizer;
import dev.peft4j.core.data.report.TokenReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatcherTest {

    @TempDir
    Path dir;

    private final WhitespaceTokenizer tokenizer = new WhitespaceTokenizer(1000);

    private PreparedData prepare(String tsv, String overrides) throws IOException {
        Path file = Files.writeString(dir.resolve("d.tsv"), tsv);
        return DataPipeline.prepare(TestSettings.settings("train = " + TestSettings.quoted(file)
                + ", split.ratios = [1, 0, 0], " + overrides), List.of(), dir.resolve("work"));
    }

    @Test
    void batchesArePaddedToTheirLongestRowWithMaskAndTypeIds() throws IOException {
        try (PreparedData data = prepare("label\ttext\n1\ta b c\n0\td\n1\te f\n", "");
             TokenizedSet set = TokenizedSet.tokenize(data.train(), tokenizer, 16, dir)) {
            Batcher batcher = new Batcher(new BatchSettings(16, 0), 1, tokenizer);

            List<Batch> batches = new ArrayList<>();
            batcher.batches(set, batcher.evaluationPlan(set, 2)).forEach(batches::add);

            assertThat(batches).hasSize(2);
            Batch first = batches.get(0);
            assertThat(first.shape()).containsExactly(2, 5);
            long a = tokenizer.encode("a", null, 16).ids()[1];
            long d = tokenizer.encode("d", null, 16).ids()[1];
            assertThat(first.inputIds()[1]).containsExactly(1, d, 2, 0, 0);
            assertThat(first.flatInputIds()[1]).isEqualTo(a);
            assertThat(first.flatAttentionMask()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
            assertThat(first.flatTypeIds()).containsOnly(0L);
            assertThat(first.labels()).containsExactly(1, 0);
            assertThat(first.targets()).isNull();
            assertThat(first.exampleIds()).containsExactly("d.tsv:2", "d.tsv:3");
            assertThat(first.padTokens()).isEqualTo(2);
            assertThat(batches.get(1).shape()).containsExactly(1, 4);
        }
    }

    @Test
    void pairsGetSegmentIdsAndRegressionBatchesCarryTargets() throws IOException {
        try (PreparedData data = prepare("s1\ts2\tscore\na b\tc\t4.5\n", "text-column = s1, text-pair-column = s2,"
                + " label-column = score, label-type = float");
             TokenizedSet set = TokenizedSet.tokenize(data.train(), tokenizer, 16, dir)) {
            Batcher batcher = new Batcher(new BatchSettings(16, 0), 1, tokenizer);

            Batch batch = batcher.batches(set, batcher.evaluationPlan(set, 8)).iterator().next();

            assertThat(batch.typeIds()[0]).containsExactly(0, 0, 0, 0, 1, 1);
            assertThat(batch.targets()).containsExactly(4.5f);
            assertThat(batch.labels()).isNull();
        }
    }

    @Test
    void truncationKeepsEncodingsWithinMaxLengthAndCountsThoseAtIt() throws IOException {
        try (PreparedData data = prepare("label\ttext\n1\tone two three four five six\n0\tshort\n", "");
             TokenizedSet set = TokenizedSet.tokenize(data.train(), tokenizer, 4, dir)) {
            assertThat(IntStream.range(0, set.size()).map(set::length)).containsExactly(4, 3);
            assertThat(set.atMaxLength()).isEqualTo(1);
        }
    }

    @Test
    void anEpochHoldsEveryExampleOnceAndIsReproducibleForItsSeedAndEpoch() throws IOException {
        try (PreparedData data = prepare(variedLengths(500), "");
             TokenizedSet set = TokenizedSet.tokenize(data.train(), tokenizer, 64, dir)) {
            for (int window : new int[] {0, 4}) {
                Batcher batcher = new Batcher(new BatchSettings(64, window), 7, tokenizer);
                BatchPlan epoch0 = batcher.trainingPlan(set, 16, 0);

                assertThat(epoch0.batches().stream().flatMapToInt(IntStream::of).sorted().toArray())
                        .isEqualTo(IntStream.range(0, set.size()).toArray());
                assertThat(epoch0.batches()).allMatch(b -> b.length <= 16);
                assertThat(flatten(batcher.trainingPlan(set, 16, 0))).isEqualTo(flatten(epoch0));
                assertThat(flatten(batcher.trainingPlan(set, 16, 1))).isNotEqualTo(flatten(epoch0));
                assertThat(flatten(new Batcher(new BatchSettings(64, window), 8, tokenizer)
                        .trainingPlan(set, 16, 0))).isNotEqualTo(flatten(epoch0));
            }
        }
    }

    @Test
    void lengthBucketingCutsPaddingAndTheReportSaysHowMuch() throws IOException {
        try (PreparedData data = prepare(variedLengths(2000), "");
             TokenizedSet set = TokenizedSet.tokenize(data.train(), tokenizer, 128, dir)) {
            Batcher plain = new Batcher(new BatchSettings(128, 0), 3, tokenizer);
            Batcher bucketed = new Batcher(new BatchSettings(128, 50), 3, tokenizer);

            double plainRatio = plain.trainingPlan(set, 32, 0).paddingRatio(set);
            double bucketedRatio = bucketed.trainingPlan(set, 32, 0).paddingRatio(set);

            assertThat(plainRatio).isGreaterThan(0.3);
            assertThat(bucketedRatio).isLessThan(plainRatio / 4);
            long pads = 0;
            long total = 0;
            for (Batch batch : bucketed.batches(set, bucketed.trainingPlan(set, 32, 0))) {
                pads += batch.padTokens();
                total += (long) batch.size() * batch.columns();
            }
            assertThat((double) pads / total).isCloseTo(bucketedRatio, org.assertj.core.data.Offset.offset(1e-12));
            TokenReport report = bucketed.report(set, 32, 8);
            assertThat(report.paddingRatio()).isEqualTo(bucketedRatio);
            assertThat(report.tokens().total()).isEqualTo(2000);
            assertThat(data.report().withTokens(report).tokens()).containsExactly(report);
        }
    }

    private static String variedLengths(int rows) {
        Random random = new Random(1);
        StringBuilder tsv = new StringBuilder("label\ttext\n");
        Set<String> seen = new HashSet<>();
        while (seen.size() < rows) {
            int words = 1 + random.nextInt(60);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < words; w++) {
                text.append(w == 0 ? "" : " ").append("w").append(random.nextInt(500));
            }
            if (seen.add(text.toString())) {
                tsv.append(random.nextInt(2)).append('\t').append(text).append('\n');
            }
        }
        return tsv.toString();
    }

    private static List<Integer> flatten(BatchPlan plan) {
        return plan.batches().stream().flatMapToInt(IntStream::of).boxed().toList();
    }
}
