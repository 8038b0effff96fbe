package dev.peft4j.core.data.augment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.data.Seeds;
import dev.peft4j.core.data.dedup.DedupMode;
import dev.peft4j.core.data.dedup.TextKeys;
import dev.peft4j.core.data.report.AugmenterReport;
import dev.peft4j.core.data.store.KeyIndex;
import dev.peft4j.core.data.store.TestStores;
import dev.peft4j.core.data.store.TextStore;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentationStageTest {

    @TempDir
    Path dir;

    /** Drops one random word per new example. */
    private static final Augmenter DROP_WORD = (original, count, random) -> {
        List<Example> made = new ArrayList<>();
        List<String> words = Arrays.asList(original.text().split(" "));
        for (int k = 0; k < count && words.size() > 1; k++) {
            List<String> copy = new ArrayList<>(words);
            copy.remove(random.nextInt(copy.size()));
            made.add(original.withText(String.join(" ", copy), "#drop" + k));
        }
        return made;
    };

    private static final Augmenter ECHO = (original, count, random) -> List.of(original.withText(original.text(), "#e"));

    private static final Augmenter RELABEL = (original, count, random) ->
            List.of(new Example(original.id() + "#r", original.text() + " x", null, "other"));

    private static TextStore store(Path dir) {
        String[] rows = IntStream.range(0, 100).mapToObj(i -> "w" + i + " alpha beta gamma=" + (i % 2))
                .toArray(String[]::new);
        return TestStores.classRows(dir, DedupMode.EXACT, rows);
    }

    private static AugmentationStage.Result apply(TextStore store, AugmentSettings settings,
                                                  List<NamedAugmenter> augmenters, int[] heldOut, long seed) {
        int[] train = IntStream.range(0, 100).toArray();
        return new AugmentationStage(settings, augmenters, 3).apply(train, store,
                row -> String.valueOf(store.rows().classIndex(row)), new KeyIndex(store.rows(), heldOut),
                new TextKeys(DedupMode.EXACT), Seeds.generator(seed, "augment"));
    }

    @Test
    void probabilityAndPerExampleDecideHowManyExamplesAreAddedWithTheOriginalsLabel() {
        try (TextStore store = store(dir)) {
            AugmentationStage.Result result = apply(store, new AugmentSettings(true, 0.3, 2, List.of("drop")),
                    List.of(new NamedAugmenter("drop", DROP_WORD)), new int[0], 1);

            AugmenterReport report = result.reports().get(0);
            assertThat(report.requested()).isEven().isBetween(2L * 15, 2L * 45);
            assertThat(result.rows()).hasSize(100 + (int) report.kept());
            assertThat(Arrays.copyOf(result.rows(), 100)).isEqualTo(IntStream.range(0, 100).toArray());
            for (int i = 100; i < result.rows().length; i++) {
                int row = result.rows()[i];
                String id = store.text(row).id();
                int original = Integer.parseInt(id.substring(2, id.indexOf('#'))) - 1;
                assertThat(store.rows().classIndex(row)).isEqualTo(store.rows().classIndex(original));
                assertThat(store.text(row).text().split(" ")).hasSize(3);
            }
            assertThat(report.examples()).hasSize(3);
            assertThat(report.examples().get(0).augmented()).isNotEqualTo(report.examples().get(0).original());
        }
    }

    @Test
    void zeroProbabilityAddsNothingAndOneAugmentsEveryRow() {
        try (TextStore store = store(dir)) {
            List<NamedAugmenter> drop = List.of(new NamedAugmenter("drop", DROP_WORD));
            assertThat(apply(store, new AugmentSettings(true, 0, 1, List.of("drop")), drop, new int[0], 1).rows())
                    .hasSize(100);
            assertThat(apply(store, new AugmentSettings(true, 1, 1, List.of("drop")), drop, new int[0], 1)
                    .reports().get(0).requested()).isEqualTo(100);
        }
    }

    @Test
    void unchangedRelabelledAndHeldOutTextsAreDropped() {
        try (TextStore store = store(dir)) {
            TextKeys keys = new TextKeys(DedupMode.EXACT);
            int heldOut = store.addClassRow(new dev.peft4j.core.data.store.StoredText("test:1", "alpha beta gamma", null),
                    0, keys.key("alpha beta gamma", null), 3);
            Augmenter stripFirst = (original, count, random) -> List.of(original.withText(
                    original.text().substring(original.text().indexOf(' ') + 1), "#s"));

            AugmentationStage.Result result = apply(store, new AugmentSettings(true, 1, 3,
                            List.of("echo", "relabel", "strip")),
                    List.of(new NamedAugmenter("echo", ECHO), new NamedAugmenter("relabel", RELABEL),
                            new NamedAugmenter("strip", stripFirst)), new int[] {heldOut}, 5);

            Map<String, AugmenterReport> byName = new java.util.HashMap<>();
            result.reports().forEach(r -> byName.put(r.name(), r));
            assertThat(byName.get("echo").kept()).isZero();
            assertThat(byName.get("echo").dropped()).containsOnlyKeys("unchanged or made twice");
            assertThat(byName.get("relabel").kept()).isZero();
            assertThat(byName.get("relabel").dropped()).containsOnlyKeys("label changed");
            assertThat(byName.get("strip").kept()).isZero();
            assertThat(byName.get("strip").dropped()).containsOnlyKeys("same text as a validation or test row");
            assertThat(result.rows()).hasSize(100);
        }
    }

    @Test
    void sameSeedGivesTheSameAugmentations() {
        List<String> first;
        List<String> second;
        try (TextStore store = store(dir.resolve("a"))) {
            AugmentationStage.Result result = apply(store, new AugmentSettings(true, 0.5, 2, List.of("drop")),
                    List.of(new NamedAugmenter("drop", DROP_WORD)), new int[0], 9);
            first = Arrays.stream(result.rows()).mapToObj(row -> store.text(row).text()).toList();
        }
        try (TextStore store = store(dir.resolve("b"))) {
            AugmentationStage.Result result = apply(store, new AugmentSettings(true, 0.5, 2, List.of("drop")),
                    List.of(new NamedAugmenter("drop", DROP_WORD)), new int[0], 9);
            second = Arrays.stream(result.rows()).mapToObj(row -> store.text(row).text()).toList();
        }
        assertThat(second).isEqualTo(first).hasSizeGreaterThan(100);
    }
}
