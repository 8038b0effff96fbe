package dev.peft4j.plugins.adapter.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.spi.method.ModelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class SavedAdapterConfigTest {

    private static final Config REFERENCE = AdapterSettings.reference();
    private static final ModelSpec BERT_BASE = new ModelSpec("bert", 12, 768, 12, 3072, 30522);

    private final Logger logger = mock(Logger.class);

    private static AdapterSettings settings(String pipeline) {
        return AdapterSettings.fromConfig(ConfigFactory.parseString(pipeline).withFallback(REFERENCE));
    }

    @Test
    void recordsPlacementSizesAndTheNonLinearity() {
        Map<String, Object> config = SavedAdapterConfig.write(settings("config = houlsby"), BERT_BASE);

        assertThat(config).containsEntry("peft_type", "BOTTLENECK_ADAPTER")
                .containsEntry("config", "houlsby")
                .containsEntry("placements", List.of("attention", "feed_forward"))
                .containsEntry("parallel", false)
                .containsEntry("reduction_factor", 16)
                .containsEntry("non_linearity", "swish")
                .containsEntry("scaling", 1.0)
                .containsEntry("hidden_size", 768)
                .containsEntry("bottleneck_size", 48)
                .containsEntry("num_layers", 12);
        assertThat((String) config.get("peft4j_note")).contains("Hugging Face PEFT").contains("cannot load");
    }

    @Test
    void whatIsWrittenReadsBack() {
        AdapterSettings settings = settings("config = parallel, scaling = learned, layer-norm = true, leave-out = [1], "
                + "init = normal, dropout = 0.2, non-linearity = gelu");
        Map<String, Object> saved = new LinkedHashMap<>(SavedAdapterConfig.write(settings, BERT_BASE));
        saved.put("peft4j_version", "0.1.0-SNAPSHOT");
        saved.put("task_type", "SEQ_CLS");

        SavedAdapterConfig.Loaded loaded = SavedAdapterConfig.read(saved, REFERENCE, logger);

        assertThat(loaded.settings()).isEqualTo(settings);
        assertThat(loaded.hiddenSize()).isEqualTo(768);
        verify(logger, never()).warn(anyString(), any(Object.class));
    }

    @Test
    void aSavedConfigOfAnUnknownPresetStillLoadsFromItsOwnValues() {
        Map<String, Object> saved = new LinkedHashMap<>(SavedAdapterConfig.write(
                settings("config = mine, presets.mine { placements = [attention], parallel = true, reduction-factor = 4, "
                        + "non-linearity = tanh, scaling = 2 }"), null));

        AdapterSettings loaded = SavedAdapterConfig.read(saved, REFERENCE, logger).settings();

        assertThat(loaded.config()).isEqualTo("mine");
        assertThat(loaded.placements()).containsExactly(Placement.ATTENTION);
        assertThat(loaded.reductionFactor()).isEqualTo(4);
    }

    @Test
    void missingKeysComeFromThePreset() {
        SavedAdapterConfig.Loaded loaded = SavedAdapterConfig.read(
                Map.of("peft_type", "BOTTLENECK_ADAPTER", "config", "houlsby"), REFERENCE, logger);

        assertThat(loaded.settings()).isEqualTo(settings("config = houlsby"));
        assertThat(loaded.hiddenSize()).isNull();
    }

    @Test
    void unknownKeysAreWarnedAboutNotRefused() {
        Map<String, Object> saved = new LinkedHashMap<>(SavedAdapterConfig.write(settings(""), BERT_BASE));
        saved.put("future_option", true);

        SavedAdapterConfig.read(saved, REFERENCE, logger);

        verify(logger).warn(contains("keys unknown to the adapter method"), eq(new TreeSet<>(Set.of("future_option"))));
    }

    @Test
    void aForeignOrMissingPeftTypeAndWrongValuesAreClearErrors() {
        assertThatThrownBy(() -> SavedAdapterConfig.read(Map.of("r", 8), REFERENCE, logger))
                .hasMessageContaining("has no peft_type");
        assertThatThrownBy(() -> SavedAdapterConfig.read(Map.of("peft_type", "LORA"), REFERENCE, logger))
                .hasMessageContaining("peft_type \"LORA\"")
                .hasMessageContaining("BOTTLENECK_ADAPTER");
        assertThatThrownBy(() -> SavedAdapterConfig.read(
                Map.of("peft_type", "BOTTLENECK_ADAPTER", "reduction_factor", "16"), REFERENCE, logger))
                .hasMessage("adapter_config.json: reduction_factor must be an integer, got \"16\"");
        assertThatThrownBy(() -> SavedAdapterConfig.read(
                Map.of("peft_type", "BOTTLENECK_ADAPTER", "reduction_factor", 0), REFERENCE, logger))
                .hasMessageContaining("adapter_config.json: reduction_factor must be an integer >= 1");
        assertThatThrownBy(() -> SavedAdapterConfig.read(
                Map.of("peft_type", "BOTTLENECK_ADAPTER", "non_linearity", "softmax"), REFERENCE, logger))
                .hasMessageContaining("adapter_config.json: non_linearity");
    }
}
