package dev.peft4j.core.data;

import static dev.peft4j.core.data.TestSettings.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.data.augment.NamedAugmenter;
import dev.peft4j.core.data.report.AugmenterReport;
import dev.peft4j.core.data.report.DataReport;
import dev.peft4j.spi.data.Augmenter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's wiring on small files: balancing, class weights, augmentation, fixed labels, split carving. */
class DataPipelineTest {

    @TempDir
    Path dir;

    /** 30 rows of class a, 10 of b, 5 of c. */
    private Path imbalanced() throws IOException {
        StringBuilder tsv = new StringBuilder("label\ttext\n");
        for (int i = 0; i < 45; i++) {
            tsv.append(i < 30 ? "a" : i < 40 ? "b" : "c").append("\tsentence number ").append(i).append(" here\n");
        }
        return Files.writeString(dir.resolve("imbalanced.tsv"), tsv);
    }

    private PreparedData prepare(String overrides, List<NamedAugmenter> augmenters) throws IOException {
        return DataPipeline.prepare(TestSettings.settings("train = " + quoted(imbalanced())
                + ", split.ratios = [1, 0, 0], " + overrides), augmenters, dir.resolve("work"));
    }

    @Test
    void classWeightsAreComputedFromTrainCountsAndRowsAreKept() throws IOException {
        try (PreparedData data = prepare("balance.strategy = class-weights", List.of())) {
            assertThat(data.classWeights()).hasValueSatisfying(weights ->
                    assertThat(weights).containsExactly(45f / 90f, 45f / 30f, 45f / 15f));
            assertThat(data.train().size()).isEqualTo(45);
            assertThat(data.report().balance().classWeights()).containsExactly(0.5f, 1.5f, 3f);
        }
        try (PreparedData data = prepare("", List.of())) {
            assertThat(data.classWeights()).isEmpty();
        }
    }

    @Test
    void oversamplingAndUndersamplingBalanceTheTrainingSplitAndAreReported() throws IOException {
        try (PreparedData data = prepare("balance.strategy = oversample", List.of())) {
            assertThat(data.train().classCounts()).containsExactly(30, 30, 30);
            assertThat(data.report().balance().after()).isEqualTo(Map.of("a", 30L, "b", 30L, "c", 30L));
            assertThat(data.report().balance().before()).isEqualTo(Map.of("a", 30L, "b", 10L, "c", 5L));
        }
        try (PreparedData data = prepare("balance.strategy = undersample", List.of())) {
            assertThat(data.train().classCounts()).containsExactly(5, 5, 5);
        }
    }

    @Test
    void balancingHappensAfterSplittingSoCopiesNeverReachEvaluation() throws IOException {
        try (PreparedData data = DataPipeline.prepare(TestSettings.settings("train = " + quoted(imbalanced())
                + ", balance.strategy = oversample"), List.of(), dir.resolve("work"))) {
            assertThat(data.validation().classCounts()).containsExactly(3, 1, 1);
            assertThat(data.test().classCounts()).containsExactly(3, 1, 0);
            assertThat(data.train().classCounts()).containsExactly(24, 24, 24);
        }
    }

    @Test
    void augmentationAddsTrainingExamplesOnlyAndReportsExamplesPerAugmenter() throws IOException {
        Augmenter reverse = (original, count, random) -> List.of(original.withText(
                String.join(" ", reversed(original.text().split(" "))), "#rev"));
        try (PreparedData data = DataPipeline.prepare(TestSettings.settings("train = " + quoted(imbalanced())
                        + ", augment { enabled = true, probability = 1, augmenters = [reverse] }"),
                List.of(new NamedAugmenter("reverse", reverse), new NamedAugmenter("unused", reverse)),
                dir.resolve("work"))) {
            DataReport report = data.report();
            AugmenterReport augmentation = report.augmentation().get(0);

            assertThat(report.augmentation()).hasSize(1);
            assertThat(augmentation.kept()).isEqualTo(36);
            assertThat(data.train().size()).isEqualTo(72);
            assertThat(data.validation().size() + data.test().size()).isEqualTo(9);
            assertThat(data.train().example(71).id()).endsWith("#rev");
            assertThat(augmentation.examples()).hasSize(10).first()
                    .satisfies(e -> assertThat(e.augmented()).startsWith("here "));
        }
    }

    @Test
    void aConfiguredAugmenterThatWasNotGivenIsNamed() throws IOException {
        assertThatThrownBy(() -> prepare("augment { enabled = true, augmenters = [eda-synonym] }", List.of()))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("'eda-synonym' but no augmenter of that name was given");
    }

    @Test
    void fixedLabelsSetTheIndicesAndOtherLabelsAreBadRows() throws IOException {
        try (PreparedData data = prepare("labels = [c, b], on-bad-row = skip", List.of())) {
            assertThat(data.labels().orElseThrow().names()).containsExactly("c", "b");
            assertThat(data.train().classCounts()).containsExactly(5, 10);
            assertThat(data.report().badRows()).isEqualTo(Map.of("unknown label", 30L));
        }
    }

    @Test
    void aMissingValidationFileIsCarvedOutOfTrainWhenTestIsGiven() throws IOException {
        Path test = Files.writeString(dir.resolve("test.tsv"), "label\ttext\na\tsomething else\n");
        try (PreparedData data = DataPipeline.prepare(TestSettings.settings("train = " + quoted(imbalanced())
                + ", test = " + quoted(test)), List.of(), dir.resolve("work"))) {
            assertThat(data.test().size()).isEqualTo(1);
            assertThat(data.validation().size()).isEqualTo(5);
            assertThat(data.train().size()).isEqualTo(40);
            assertThat(data.report().splitMethod()).contains("test = test.tsv", "validation 0.1");
        }
    }

    @Test
    void theReportRoundTripsThroughJson() throws IOException {
        try (PreparedData data = prepare("balance.strategy = class-weights", List.of())) {
            Path file = dir.resolve("report/data.json");
            data.report().writeJson(file);

            DataReport read = DataReport.fromJson(Files.readString(file));

            assertThat(read).isEqualTo(data.report());
            assertThat(Files.readString(file)).contains("\"stages\"", "\"read imbalanced.tsv\"", "\"classWeights\"");
        }
    }

    private static String[] reversed(String[] words) {
        String[] out = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            out[i] = words[words.length - 1 - i];
        }
        return out;
    }
}
