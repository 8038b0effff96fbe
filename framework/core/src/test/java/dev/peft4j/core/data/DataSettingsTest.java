package dev.peft4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import dev.peft4j.core.data.balance.BalanceStrategy;
import dev.peft4j.core.data.clean.CleanStep;
import dev.peft4j.core.data.clean.LengthUnit;
import dev.peft4j.core.data.dedup.ConflictPolicy;
import dev.peft4j.core.data.dedup.DedupMode;
import dev.peft4j.core.data.load.BadRowPolicy;
import dev.peft4j.core.data.load.ColumnRef;
import dev.peft4j.core.data.load.FileFormat;
import dev.peft4j.core.data.load.LabelKind;
import dev.peft4j.core.data.split.OverlapPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataSettingsTest {

    @Test
    void referenceConfHoldsEveryDefault() {
        DataSettings settings = DataSettings.from(TestSettings.dataBlock("train = \"data/train.tsv\""),
                Path.of("/pipelines"));

        assertThat(settings.train()).isEqualTo(Path.of("/pipelines/data/train.tsv"));
        assertThat(settings.validation()).isNull();
        assertThat(settings.test()).isNull();
        assertThat(settings.source().format()).isEqualTo(FileFormat.AUTO);
        assertThat(settings.source().header()).isTrue();
        assertThat(settings.source().encoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(settings.source().textColumn()).isEqualTo(ColumnRef.named("text"));
        assertThat(settings.source().pairColumn()).isNull();
        assertThat(settings.source().labelColumn()).isEqualTo(ColumnRef.named("label"));
        assertThat(settings.source().labelType()).isEqualTo(LabelKind.CLASS);
        assertThat(settings.source().labelPattern()).isNull();
        assertThat(settings.source().labels()).isEmpty();
        assertThat(settings.source().onBadRow()).isEqualTo(BadRowPolicy.FAIL);
        assertThat(settings.clean().steps()).containsExactly(CleanStep.REPAIR_CP1252, CleanStep.NFKC,
                CleanStep.STRIP_CONTROL, CleanStep.COLLAPSE_WHITESPACE);
        assertThat(settings.clean().lengthUnit()).isEqualTo(LengthUnit.WORDS);
        assertThat(settings.dedup().mode()).isEqualTo(DedupMode.EXACT);
        assertThat(settings.dedup().conflicts()).isEqualTo(ConflictPolicy.DROP_ALL);
        assertThat(settings.split().ratios()).containsExactly(0.8, 0.1, 0.1);
        assertThat(settings.split().overlap()).isEqualTo(OverlapPolicy.DROP_FROM_TRAIN);
        assertThat(settings.balance().strategy()).isEqualTo(BalanceStrategy.NONE);
        assertThat(settings.augment().enabled()).isFalse();
        assertThat(settings.batching().maxLength()).isEqualTo(128);
        assertThat(settings.batching().bucketWindow()).isEqualTo(50);
        assertThat(settings.seed()).isEqualTo(42);
    }

    @Test
    void anUnknownOptionNamesTheKeyAndListsTheOptions() {
        assertThatThrownBy(() -> TestSettings.settings("train = x, balance.strategy = smote"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("String: 1")
                .hasMessageContaining("data.balance.strategy")
                .hasMessageContaining("'smote' is not one of [none | undersample | oversample | class-weights]");
        assertThatThrownBy(() -> TestSettings.settings("train = x, clean.steps = [nfkc, stem]"))
                .hasMessageContaining("'stem' is not a cleaning step");
    }

    @Test
    void inconsistentSettingsAreRejectedWithTheKeyToChange() {
        assertThatThrownBy(() -> TestSettings.settings(""))
                .hasMessageContaining("data.train is not set");
        assertThatThrownBy(() -> TestSettings.settings("train = x, split.ratios = [0.8, 0.3, 0.1]"))
                .hasMessageContaining("data.split.ratios must sum to 1");
        assertThatThrownBy(() -> TestSettings.settings("train = x, format = jsonl, text-column = 0"))
                .hasMessageContaining("jsonl chooses columns by field name");
        assertThatThrownBy(() -> TestSettings.settings("train = x, header = false"))
                .hasMessageContaining("data.header = false, so columns can only be chosen by 0-based index");
        assertThatThrownBy(() -> TestSettings.settings("train = x, augment.enabled = true"))
                .hasMessageContaining("data.augment.augmenters is empty");
        assertThatThrownBy(() -> TestSettings.settings("train = x, label-type = float, balance.strategy = oversample"))
                .hasMessageContaining("set data.balance.strategy = none");
        assertThatThrownBy(() -> TestSettings.settings("train = x, label-pattern = \"^[A-Z]+\""))
                .hasMessageContaining("needs a capture group");
        assertThatThrownBy(() -> TestSettings.settings("train = x, encoding = klingon"))
                .hasMessageContaining("data.encoding 'klingon'");
        assertThatThrownBy(() -> TestSettings.settings("train = x, clean.length { min = 5, max = 2 }"))
                .hasMessageContaining("data.clean.length.max (2) is below .min (5)");
        assertThatThrownBy(() -> TestSettings.settings("train = x, text-column = -1"))
                .hasMessageContaining("0-based and not negative");
    }

    @Test
    void autoFormatFollowsTheExtensionAndAsksForTheFormatOtherwise() {
        assertThat(FileFormat.AUTO.resolve(Path.of("a.CSV"))).isEqualTo(FileFormat.CSV);
        assertThat(FileFormat.AUTO.resolve(Path.of("a.tab"))).isEqualTo(FileFormat.TSV);
        assertThat(FileFormat.AUTO.resolve(Path.of("a.ndjson"))).isEqualTo(FileFormat.JSONL);
        assertThat(FileFormat.TSV.resolve(Path.of("a.csv"))).isEqualTo(FileFormat.TSV);
        assertThatThrownBy(() -> FileFormat.AUTO.resolve(Path.of("train_5500.label")))
                .hasMessageContaining("set data.format to csv, tsv, jsonl or label-first");
    }
}
