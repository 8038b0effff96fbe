package dev.peft4j.plugins.lora.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.spi.method.LinearLayer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetModulesTest {

    private static LinearLayer layer(String name, int block) {
        return new LinearLayer(name, block, 4, 4, false, null, null);
    }

    @Test
    void aNameMatchesTheWholeNameOrADottedSuffixOnly() {
        TargetModules names = new TargetModules.Names(List.of("c_attn", "self_attn.q_proj"));

        assertThat(names.matches(layer("transformer.h.0.attn.c_attn", 0))).isTrue();
        assertThat(names.matches(layer("c_attn", 0))).isTrue();
        assertThat(names.matches(layer("model.layers.3.self_attn.q_proj", 3))).isTrue();
        assertThat(names.matches(layer("transformer.h.0.attn.xc_attn", 0))).isFalse();
        assertThat(names.matches(layer("transformer.h.0.attn.c_attn_extra", 0))).isFalse();
    }

    @Test
    void aRegexMustMatchTheWholeName() {
        TargetModules regex = new TargetModules.Regex(".*\\.(q|v)_proj");

        assertThat(regex.matches(layer("model.layers.0.self_attn.q_proj", 0))).isTrue();
        assertThat(regex.matches(layer("model.layers.0.self_attn.k_proj", 0))).isFalse();
        assertThat(new TargetModules.Regex("q_proj").matches(layer("model.layers.0.self_attn.q_proj", 0))).isFalse();
    }

    @Test
    void allLinearLeavesTheHeadsOut() {
        TargetModules all = new TargetModules.AllLinear();

        assertThat(all.matches(layer("transformer.h.0.mlp.c_fc", 0))).isTrue();
        assertThat(all.matches(layer("score", -1))).isFalse();
    }

    @Test
    void peftValuesReadBackToTheSameChoice() {
        TargetModules absent = new TargetModules.ArchitectureDefault();
        for (TargetModules choice : List.of(new TargetModules.Names(List.of("q_proj")),
                new TargetModules.Regex(".*q_proj"), new TargetModules.AllLinear())) {
            assertThat(TargetModules.of(choice.peftValue(), absent)).isEqualTo(choice);
        }
        assertThat(TargetModules.of(null, absent)).isSameAs(absent);
        assertThat(TargetModules.of(List.of(), absent)).isSameAs(absent);
    }

    @Test
    void patternLookupFollowsPeftFirstMatchInOrder() {
        Map<String, Integer> patterns = new java.util.LinkedHashMap<>();
        patterns.put("q_proj", 4);
        patterns.put("layers\\.0\\.self_attn\\.q_proj", 16);
        patterns.put("(k|v)_proj", 2);

        assertThat(ModulePatterns.lookup(patterns, "model.layers.0.self_attn.q_proj", 8)).isEqualTo(4);
        assertThat(ModulePatterns.lookup(patterns, "model.layers.5.self_attn.v_proj", 8)).isEqualTo(2);
        assertThat(ModulePatterns.lookup(patterns, "q_proj", 8)).isEqualTo(4);
        assertThat(ModulePatterns.lookup(patterns, "model.layers.5.self_attn.xq_proj", 8)).isEqualTo(8);
        assertThat(ModulePatterns.lookup(patterns, "model.layers.5.mlp.up_proj", 8)).isEqualTo(8);
    }
}
