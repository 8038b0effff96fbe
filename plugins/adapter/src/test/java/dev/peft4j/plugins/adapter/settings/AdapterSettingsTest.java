package dev.peft4j.plugins.adapter.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.peft4j.spi.method.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdapterSettingsTest {

    private static final ModelSpec BERT_BASE = new ModelSpec("bert", 12, 768, 12, 3072, 30522);

    private static AdapterSettings read(String pipeline) {
        return AdapterSettings.fromConfig(ConfigFactory.parseString(pipeline,
                ConfigParseOptions.defaults().setOriginDescription("pipeline.conf")).withFallback(AdapterSettings.reference()));
    }

    @Test
    void theDefaultIsPfeiffer() {
        AdapterSettings settings = read("");

        assertThat(settings.config()).isEqualTo("pfeiffer");
        assertThat(settings.placements()).containsExactly(Placement.FEED_FORWARD);
        assertThat(settings.parallel()).isFalse();
        assertThat(settings.reductionFactor()).isEqualTo(16);
        assertThat(settings.nonLinearity()).isEqualTo(NonLinearity.RELU);
        assertThat(settings.scaling()).isEqualTo(Scaling.fixed(1.0));
        assertThat(settings.init()).isEqualTo(AdapterInit.IDENTITY);
        assertThat(settings.layerNorm()).isFalse();
        assertThat(settings.leaveOut()).isEmpty();
    }

    @Test
    void presetsSetPlacementSizeAndActivationAsTheLiteratureNamesThem() {
        AdapterSettings houlsby = read("config = houlsby");
        AdapterSettings parallel = read("config = parallel");

        assertThat(houlsby.placements()).containsExactly(Placement.ATTENTION, Placement.FEED_FORWARD);
        assertThat(houlsby.nonLinearity()).isEqualTo(NonLinearity.SWISH);
        assertThat(houlsby.reductionFactor()).isEqualTo(16);
        assertThat(houlsby.parallel()).isFalse();
        assertThat(parallel.placements()).containsExactly(Placement.FEED_FORWARD);
        assertThat(parallel.parallel()).isTrue();
        assertThat(parallel.reductionFactor()).isEqualTo(2);
        assertThat(parallel.scaling()).isEqualTo(Scaling.fixed(4.0));
    }

    @Test
    void explicitKeysOverrideThePreset() {
        AdapterSettings settings = read("""
                config = houlsby, reduction-factor = 8, non-linearity = gelu, scaling = learned, placements = [attention]
                dropout = 0.1, layer-norm = true, leave-out = [0, 11], init = normal, normal-std = 0.02
                """);

        assertThat(settings).isEqualTo(new AdapterSettings("houlsby", List.of(Placement.ATTENTION), false, 8,
                NonLinearity.GELU, Scaling.learnedFromOne(), 0.1, true, 1e-5, List.of(0, 11), AdapterInit.NORMAL, 0.02));
    }

    @Test
    void aPresetOfOnesOwnCanBeAdded() {
        AdapterSettings settings = read("config = mine, presets.mine { placements = [attention], parallel = true, "
                + "reduction-factor = 4, non-linearity = tanh, scaling = 2 }");

        assertThat(settings.config()).isEqualTo("mine");
        assertThat(settings.nonLinearity()).isEqualTo(NonLinearity.TANH);
        assertThat(settings.scaling().value()).isEqualTo(2.0);
    }

    @Test
    void anUnknownPresetListsTheKnownOnes() {
        assertThatThrownBy(() -> read("config = lora"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("pipeline.conf: 1")
                .hasMessageContaining("no preset named 'lora'; the presets are [houlsby, parallel, pfeiffer]");
    }

    @Test
    void badValuesNameTheFileLineAndKey() {
        assertThatThrownBy(() -> read("\nreduction-factor = 0"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("pipeline.conf: 2")
                .hasMessageContaining("method.adapter.reduction-factor")
                .hasMessageContaining(">= 1");
        assertThatThrownBy(() -> read("non-linearity = softmax"))
                .hasMessageContaining("method.adapter.non-linearity")
                .hasMessageContaining("relu, gelu, swish, silu, tanh");
        assertThatThrownBy(() -> read("scaling = lots")).hasMessageContaining("\"learned\"");
        assertThatThrownBy(() -> read("scaling = 0")).hasMessageContaining("non-zero");
        assertThatThrownBy(() -> read("placements = [attention, attention]")).hasMessageContaining("twice");
        assertThatThrownBy(() -> read("placements = [output]")).hasMessageContaining("attention or feed-forward");
        assertThatThrownBy(() -> read("dropout = 1")).hasMessageContaining("method.adapter.dropout");
    }

    @Test
    void bertBaseWithPfeifferTrains894528Parameters() {
        // down 768 -> 48 with bias (36,912) + up 48 -> 768 with bias (37,632) = 74,544 per block, 12 blocks
        assertThat(read("").bottleneckSize(768)).isEqualTo(48);
        assertThat(read("").trainableParameters(BERT_BASE)).isEqualTo(894_528);
        assertThat(read("config = houlsby").trainableParameters(BERT_BASE)).isEqualTo(2 * 894_528);
        assertThat(read("layer-norm = true, scaling = learned, leave-out = [0]").trainableParameters(BERT_BASE))
                .isEqualTo(11L * (74_544 + 2 * 768 + 1));
    }

    @Test
    void blocksAndSizesTheModelCannotHoldAreRefused() {
        assertThatThrownBy(() -> read("leave-out = [12]").blocks(12)).hasMessageContaining("lists block 12")
                .hasMessageContaining("0..11");
        assertThatThrownBy(() -> read("leave-out = [0, 1]").blocks(2)).hasMessageContaining("every block");
        assertThatThrownBy(() -> read("reduction-factor = 1000").bottleneckSize(768))
                .hasMessageContaining("leaves no bottleneck for hidden size 768");
    }
}
