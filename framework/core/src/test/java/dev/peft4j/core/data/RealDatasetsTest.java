package dev.peft4j.core.data;

import static dev.peft4j.core.data.TestSettings.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.data.load.DataFileException;
import dev.peft4j.core.data.report.DataReport;
import dev.peft4j.core.data.report.Overlap;
import dev.peft4j.core.data.report.SplitStats;
import dev.peft4j.core.data.report.Stage;
import dev.peft4j.core.data.split.SplitName;
import dev.peft4j.spi.metric.TaskType;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline on the real datasets in the shared folder, with the quirks they really have. */
class RealDatasetsTest {

    private static final String SST2 = "train = " + quoted(SharedData.dataset("sst2/train.tsv"))
            + ", validation = " + quoted(SharedData.dataset("sst2/dev.tsv"))
            + ", test = " + quoted(SharedData.dataset("sst2/test.tsv"))
            + ", text-column = 1, label-column = label, label-type = integer";
    private static final String SMS = "train = " + quoted(SharedData.dataset("sms-spam/SMSSpamCollection.tsv"))
            + ", text-column = SMS, label-column = Label";
    private static final String STSB = "train = " + quoted(SharedData.dataset("stsb/train.tsv"))
            + ", validation = " + quoted(SharedData.dataset("stsb/dev.tsv"))
            + ", header = false, text-column = 7, text-pair-column = 8, label-column = 9, label-type = float";
    private static final String TREC = "train = " + quoted(SharedData.dataset("trec/train_5500.label"))
            + ", test = " + quoted(SharedData.dataset("trec/TREC_10.label"))
            + ", format = label-first, header = false";

    @TempDir
    Path work;

    @TempDir
    static Path sharedWork;

    /** SST-2 takes seconds to prepare; its tests share one preparation. */
    private static PreparedData sst2;

    @BeforeAll
    static void prepareSst2() {
        sst2 = DataPipeline.prepare(TestSettings.settings(SST2), List.of(), sharedWork);
    }

    @AfterAll
    static void closeSst2() {
        sst2.close();
    }

    private PreparedData prepare(String settings) {
        return DataPipeline.prepare(TestSettings.settings(settings), List.of(), work);
    }

    private static Stage stage(DataReport report, String name) {
        return report.stages().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void sst2LoadsEveryRowOfItsCrlfTrainFileAndLfDevAndTestFiles() {
        PreparedData data = sst2;
        DataReport report = data.report();

        assertThat(stage(report, "read train.tsv").rowsOut()).isEqualTo(67_349);
        assertThat(stage(report, "read dev.tsv").rowsOut()).isEqualTo(872);
        assertThat(stage(report, "read test.tsv").rowsOut()).isEqualTo(1_821);
        assertThat(report.badRows()).isEmpty();
        assertThat(data.labels().orElseThrow().names()).containsExactly("0", "1");
        assertThat(data.validation().example(0).text()).isEqualTo("one long string of cliches .");
        assertThat(data.train().stream().limit(2000).map(e -> e.text()))
                .noneMatch(text -> text.contains("\r") || text.contains("\n"));
        assertThat(report.split("validation").classCounts()).isEqualTo(Map.of("0", 428L, "1", 444L));
        assertThat(report.split("test").classCounts()).isEqualTo(Map.of("0", 912L, "1", 909L));
    }

    @Test
    void sst2TrainDuplicatesConflictsAndTheRowSharedWithTestAreFoundAndDropped() {
        PreparedData data = sst2;
        DataReport report = data.report();

        assertThat(report.duplicatesDropped()).isEqualTo(366);
        assertThat(report.conflictGroups()).isEqualTo(5);
        assertThat(stage(report, "dedup train").dropped())
                .isEqualTo(Map.of("duplicate", 366L, "conflicting labels", 10L));
        assertThat(report.overlaps()).singleElement().satisfies(overlap -> {
            assertThat(overlap.earlier()).isEqualTo("train");
            assertThat(overlap.later()).isEqualTo("test");
            assertThat(overlap.dropped()).isEqualTo(1);
            assertThat(overlap.examples().get(0).text()).isEqualTo("what 's next ?");
        });
        assertThat(data.train().size()).isEqualTo(67_349 - 376 - 1);
        assertThat(report.split("train").classCounts()).isEqualTo(Map.of("0", 29_643L, "1", 37_329L));
    }

    @Test
    void smsSpamHasItsThirteenPercentSpamAndItsDuplicatesAreFound() {
        try (PreparedData raw = prepare(SMS + ", dedup.mode = none, split.ratios = [1, 0, 0]")) {
            Map<String, Long> counts = raw.report().split("train").classCounts();
            assertThat(counts).isEqualTo(Map.of("ham", 4_827L, "spam", 747L));
            assertThat(747.0 / 5_574).isCloseTo(0.134, Offset.offset(0.001));
        }
        try (PreparedData exact = prepare(SMS + ", clean.steps = [], split.ratios = [1, 0, 0]")) {
            assertThat(exact.report().duplicatesDropped()).isEqualTo(403);
            assertThat(exact.report().conflictGroups()).isZero();
            assertThat(exact.report().split("train").classCounts()).isEqualTo(Map.of("ham", 4_518L, "spam", 653L));
        }
        try (PreparedData cleaned = prepare(SMS + ", dedup.mode = normalized")) {
            assertThat(cleaned.report().duplicatesDropped()).isGreaterThan(403);
        }
    }

    @Test
    void stratifiedSplitGivesEveryClassItsShareWithinOneRowAndNoTextInTwoSplits() {
        try (PreparedData data = prepare(SMS)) {
            DataReport report = data.report();
            long ham = 0;
            long spam = 0;
            for (SplitStats split : report.splits()) {
                ham += split.classCounts().get("ham");
                spam += split.classCounts().get("spam");
            }
            double[] ratios = {0.8, 0.1, 0.1};
            for (SplitName name : SplitName.values()) {
                Map<String, Long> counts = report.split(name.key()).classCounts();
                assertThat((double) counts.get("ham")).isCloseTo(ham * ratios[name.ordinal()], Offset.offset(1.0));
                assertThat((double) counts.get("spam")).isCloseTo(spam * ratios[name.ordinal()], Offset.offset(1.0));
            }
            assertThat(report.overlaps()).isEmpty();
            assertNoTextInTwoSplits(data);
        }
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedOthers() {
        List<Set<String>> first = splitIds(SMS + ", seed = 11");
        List<Set<String>> again = splitIds(SMS + ", seed = 11");
        List<Set<String>> other = splitIds(SMS + ", seed = 12");

        assertThat(again).isEqualTo(first);
        assertThat(other.get(1)).isNotEqualTo(first.get(1));
        assertThat(other.get(0).size()).isEqualTo(first.get(0).size());
    }

    @Test
    void stsbReadsSentencePairsAndFloatScoresWithoutHeaderAndStratifiesByScoreBins() {
        try (PreparedData data = prepare(STSB)) {
            DataReport report = data.report();

            assertThat(data.task()).isEqualTo(TaskType.REGRESSION);
            assertThat(data.labels()).isEmpty();
            assertThat(stage(report, "read train.tsv").rowsOut()).isEqualTo(4_249);
            assertThat(stage(report, "read dev.tsv").rowsOut()).isEqualTo(1_500);
            assertThat(data.train().example(0).textPair()).isNotNull();
            assertThat(report.conflictGroups()).isEqualTo(2);
            SplitStats.TargetStats train = report.split("train").targets();
            SplitStats.TargetStats test = report.split("test").targets();
            assertThat(train.min()).isEqualTo(0.0);
            assertThat(train.max()).isEqualTo(5.0);
            assertThat(test.mean()).isCloseTo(train.mean(), Offset.offset(0.05));
            assertThat(report.split("test").rows()).isCloseTo(Math.round(4_224 * 0.1 / 0.9), Offset.offset(3L));
            assertThat(report.overlaps()).extracting(Overlap::earlier).contains("train");
            assertNoTextInTwoSplits(data);
            float first = data.validation().target(0);
            assertThat(data.validation().example(0)).satisfies(e -> {
                assertThat(e.text()).isEqualTo("A man is playing the cello.");
                assertThat(e.textPair()).isEqualTo("A man seated is playing the cello.");
                assertThat(e.label()).isEqualTo(Float.toString(first));
            });
            assertThat(first).isEqualTo(4.25f);
            assertThat(IntStream.range(0, data.train().size()).mapToObj(data.train()::example)
                    .filter(e -> e.id().equals("train.tsv:1150")).findFirst().map(e -> e.text())
                    .or(() -> data.test().stream().filter(e -> e.id().equals("train.tsv:1150")).findFirst()
                            .map(e -> e.text())))
                    .contains("A dog in a \"superman\" shirt sleeps on a blanket.");
        }
    }

    @Test
    void trecIsLatin1AndFailsAsUtf8AtTheLineOfItsOneNonAsciiByte() {
        assertThatThrownBy(() -> prepare(TREC))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("train_5500.label:66: the file is not valid UTF-8");

        try (PreparedData data = prepare(TREC + ", encoding = ISO-8859-1, label-pattern = \"^([A-Z]+):\","
                + " dedup.mode = none, split.overlap = report-only, split.ratios = [0.9, 0.1, 0]")) {
            DataReport report = data.report();
            assertThat(data.labels().orElseThrow().names())
                    .containsExactly("ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM");
            Map<String, Long> train = report.split("train").classCounts();
            Map<String, Long> validation = report.split("validation").classCounts();
            Map<String, Long> all = train.keySet().stream().collect(Collectors.toMap(k -> k,
                    k -> train.get(k) + validation.get(k)));
            assertThat(all).isEqualTo(Map.of("ABBR", 86L, "DESC", 1_162L, "ENTY", 1_250L, "HUM", 1_223L,
                    "LOC", 835L, "NUM", 896L));
            assertThat(report.split("test").rows()).isEqualTo(500);
            assertThat(data.train().stream().anyMatch(e -> e.text().contains("sister\u00f0city"))
                    || data.validation().stream().anyMatch(e -> e.text().contains("sister\u00f0city"))).isTrue();
        }
    }

    @Test
    void sstSentencesLoadAsLabelFirstLinesAndThreeTrainSentencesAlsoInTestAreDropped() {
        try (PreparedData data = prepare("train = " + quoted(SharedData.dataset("sst2-sentences/stsa.binary.train"))
                + ", validation = " + quoted(SharedData.dataset("sst2-sentences/stsa.binary.dev"))
                + ", test = " + quoted(SharedData.dataset("sst2-sentences/stsa.binary.test"))
                + ", format = label-first, header = false, dedup.mode = none")) {
            assertThat(stage(data.report(), "read stsa.binary.train").rowsOut()).isEqualTo(6_920);
            assertThat(data.report().overlaps()).singleElement()
                    .satisfies(overlap -> assertThat(overlap.dropped()).isEqualTo(3));
            assertThat(data.report().split("train").classCounts()).isEqualTo(Map.of("0", 3_309L, "1", 3_608L));
            assertThat(data.validation().size()).isEqualTo(872);
            assertThat(data.test().size()).isEqualTo(1_821);
        }
    }

    @Test
    void aRealFileWithTheWrongLabelTypeFailsAtItsFirstRowOrIsSkippedEntirely() {
        assertThatThrownBy(() -> prepare(SMS + ", label-type = integer"))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("SMSSpamCollection.tsv:2: label 'ham' is not an integer");
        assertThatThrownBy(() -> prepare(SMS + ", label-type = integer, on-bad-row = skip"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("no usable training rows")
                .hasMessageContaining("unparseable label=5574");
    }

    @Test
    void aForgottenHeaderSettingMakesTheHeaderRowABadRowNamedByFileAndLine() {
        String devWithoutHeader = "train = " + quoted(SharedData.dataset("sst2/dev.tsv"))
                + ", header = false, text-column = 1, label-column = 0, label-type = integer";

        assertThatThrownBy(() -> prepare(devWithoutHeader))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("dev.tsv:1: label 'label' is not an integer");
        try (PreparedData data = prepare(devWithoutHeader + ", on-bad-row = skip, split.ratios = [1, 0, 0]")) {
            assertThat(data.train().size()).isEqualTo(872);
            assertThat(data.report().badRows()).isEqualTo(Map.of("unparseable label", 1L));
            assertThat(data.report().badRowExamples().get(0).line()).isEqualTo(1);
        }
    }

    @Test
    void aRowWithAnExtraColumnInARealFileIsSkippedAndCountedOrFailsAtItsLine() throws Exception {
        Path dev = java.nio.file.Files.copy(SharedData.dataset("sst2/dev.tsv"), work.resolve("dev.tsv"));
        java.nio.file.Files.writeString(dev, "1\tan extra\tcolumn\n", java.nio.file.StandardOpenOption.APPEND);
        String settings = "train = " + quoted(dev) + ", text-column = content, label-column = label,"
                + " split.ratios = [1, 0, 0]";

        assertThatThrownBy(() -> prepare(settings))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("dev.tsv:874: expected 2 columns (as the header), found 3");
        try (PreparedData data = prepare(settings + ", on-bad-row = skip")) {
            assertThat(data.train().size()).isEqualTo(872);
            assertThat(stage(data.report(), "read dev.tsv")).isEqualTo(
                    new Stage("read dev.tsv", 873, 872, Map.of("wrong column count", 1L)));
        }
    }

    private List<Set<String>> splitIds(String settings) {
        try (PreparedData data = prepare(settings)) {
            return List.of(ids(data.train()), ids(data.validation()), ids(data.test()));
        }
    }

    private static Set<String> ids(ExampleSet set) {
        return set.stream().map(e -> e.id()).collect(Collectors.toSet());
    }

    private static void assertNoTextInTwoSplits(PreparedData data) {
        Set<Long> seen = new HashSet<>();
        for (SplitName name : SplitName.values()) {
            ExampleSet set = data.split(name);
            Set<Long> keys = IntStream.range(0, set.size()).mapToObj(set::key).collect(Collectors.toSet());
            assertThat(keys.stream().filter(seen::contains).count()).as(name.key()).isZero();
            seen.addAll(keys);
        }
    }
}
