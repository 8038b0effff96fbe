package dev.peft4j.plugins.lora.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoraSettingsTest {

    private static LoraSettings read(String pipeline) {
        Config user = ConfigFactory.parseString(pipeline, com.typesafe.config.ConfigParseOptions.defaults()
                .setOriginDescription("pipeline.conf"));
        return LoraSettings.fromConfig(user.withFallback(LoraSettings.reference()));
    }

    @Test
    void defaultsComeFromReferenceConfAndMatchPeft() {
        LoraSettings settings = read("");

        assertThat(settings.r()).isEqualTo(8);
        assertThat(settings.alpha()).isEqualTo(8.0);
        assertThat(settings.dropout()).isZero();
        assertThat(settings.targetModules()).isInstanceOf(TargetModules.ArchitectureDefault.class);
        assertThat(settings.excludeModules()).isEqualTo(new TargetModules.Names(List.of()));
        assertThat(settings.layersToTransform()).isEmpty();
        assertThat(settings.rankPattern()).isEmpty();
        assertThat(settings.bias()).isEqualTo(LoraBias.NONE);
        assertThat(settings.useRslora()).isFalse();
        assertThat(settings.useDora()).isFalse();
        assertThat(settings.init()).isEqualTo(LoraInit.KAIMING_UNIFORM);
        assertThat(settings.modulesToSave()).isEmpty();
    }

    @Test
    void theDefaultsAreReadWithoutResolvingOtherReferenceFiles() {
        // src/test/resources/reference.conf holds an unresolvable substitution outside method.lora
        assertThat(LoraSettings.reference().root().keySet()).contains("r", "alpha", "target-modules")
                .doesNotContain("type");
    }

    @Test
    void targetModulesAcceptNamesRegexAndAllLinear() {
        assertThat(read("target-modules = [q_proj, v_proj]").targetModules())
                .isEqualTo(new TargetModules.Names(List.of("q_proj", "v_proj")));
        assertThat(read("target-modules = \".*\\\\.(q|v)_proj\"").targetModules())
                .isEqualTo(new TargetModules.Regex(".*\\.(q|v)_proj"));
        assertThat(read("target-modules = all-linear").targetModules()).isInstanceOf(TargetModules.AllLinear.class);
        assertThat(read("target-modules = null").targetModules()).isInstanceOf(TargetModules.ArchitectureDefault.class);
    }

    @Test
    void everyKeyIsRead() {
        LoraSettings settings = read("""
                r = 16, alpha = 32, dropout = 0.1, exclude-modules = [c_proj], layers-to-transform = [0, 2]
                rank-pattern { c_fc = 4 }, alpha-pattern { c_fc = 2 }, bias = lora-only, use-rslora = true
                use-dora = true, init = gaussian, modules-to-save = [score]
                """);

        assertThat(settings).isEqualTo(new LoraSettings(16, 32, 0.1, new TargetModules.ArchitectureDefault(),
                new TargetModules.Names(List.of("c_proj")), List.of(0, 2), Map.of("c_fc", 4), Map.of("c_fc", 2.0),
                LoraBias.LORA_ONLY, true, true, LoraInit.GAUSSIAN, List.of("score")));
    }

    @Test
    void rankPatternKeysAreLookedUpLongestFirst() {
        LoraSettings settings = read("rank-pattern { q_proj = 4, \"layers.0.self_attn.q_proj\" = 16 }");

        assertThat(settings.rankPattern().keySet()).containsExactly("layers.0.self_attn.q_proj", "q_proj");
        assertThat(settings.rankOf("model.layers.0.self_attn.q_proj")).isEqualTo(16);
        assertThat(settings.rankOf("model.layers.1.self_attn.q_proj")).isEqualTo(4);
        assertThat(settings.rankOf("model.layers.1.self_attn.v_proj")).isEqualTo(8);
    }

    @Test
    void anUnquotedDottedPatternKeyIsRefusedWithAHint() {
        assertThatThrownBy(() -> read("rank-pattern { layers.0.q_proj = 16 }"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("pipeline.conf: 1")
                .hasMessageContaining("method.lora.rank-pattern")
                .hasMessageContaining("must be quoted");
    }

    @Test
    void outOfRangeValuesNameTheFileLineAndKey() {
        assertThatThrownBy(() -> read("\n\nr = 0"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("pipeline.conf: 3")
                .hasMessageContaining("method.lora.r")
                .hasMessageContaining("must be an integer >= 1, got 0");
        assertThatThrownBy(() -> read("dropout = 1.0")).hasMessageContaining("method.lora.dropout")
                .hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> read("alpha = -2")).hasMessageContaining("method.lora.alpha");
        assertThatThrownBy(() -> read("rank-pattern { q_proj = 0 }")).hasMessageContaining("rank of 'q_proj'");
        assertThatThrownBy(() -> read("layers-to-transform = [1, 1]")).hasMessageContaining("lists a block twice");
    }

    @Test
    void unknownChoicesListTheOptions() {
        assertThatThrownBy(() -> read("bias = some"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("method.lora.bias")
                .hasMessageContaining("none, all, lora-only");
        assertThatThrownBy(() -> read("init = xavier")).hasMessageContaining("kaiming-uniform, gaussian");
    }

    @Test
    void anInvalidRegexIsRefused() {
        assertThatThrownBy(() -> read("target-modules = \"(q_proj\""))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("method.lora.target-modules")
                .hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> read("rank-pattern { \"(q\" = 4 }")).hasMessageContaining("not a valid regular expression");
    }

    @Test
    void aRegexTargetCannotBeLimitedToBlocks() {
        assertThatThrownBy(() -> read("target-modules = \".*q_proj\", layers-to-transform = [0]"))
                .hasMessageContaining("cannot be combined with a regex target-modules");
    }

    @Test
    void scalingIsAlphaOverRankOrOverItsRootWithRslora() {
        assertThat(read("r = 16, alpha = 32").scaling(16, 32)).isEqualTo(2.0);
        assertThat(read("r = 16, alpha = 32, use-rslora = true").scaling(16, 32)).isEqualTo(8.0);
        LoraSettings patterned = read("r = 16, alpha = 32, rank-pattern { c_fc = 4 }, alpha-pattern { c_fc = 8 }");
        String module = "transformer.h.0.mlp.c_fc";
        assertThat(patterned.scaling(patterned.rankOf(module), patterned.alphaOf(module))).isEqualTo(2.0);
    }
}
