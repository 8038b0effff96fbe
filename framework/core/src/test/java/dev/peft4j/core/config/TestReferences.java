package dev.peft4j.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.List;

/** Reference configs standing in for the method plugins' reference.conf files, and a loader over them. */
final class TestReferences {

    static final Config LORA = parse("lora.jar!/reference.conf", """
            method.lora {
              rank = 8
              alpha = 16
              dropout = 0.0
              target-modules = [query, value]
              # Free-form: module-name pattern -> rank.
              rank-pattern {}
              bias = none
            }
            peft4j-schema {
              "method.lora.rank" { type = integer }
              "method.lora.alpha" { type = integer }
              "method.lora.bias" { one-of = [none, all, lora-only] }
            }
            """);

    static final Config ADAPTER = parse("adapter.jar!/reference.conf", """
            method.adapter {
              size = 64
            }
            """);

    static final List<ExtensionChoice> CHOICES = List.of(
            ExtensionChoice.tuningMethods(List.of("lora", "adapter", "prompt-tuning")),
            ExtensionChoice.schedules(List.of("constant", "linear", "cosine", "step")),
            ExtensionChoice.metrics(List.of("accuracy", "precision", "recall", "f1", "spearman", "pearson", "mse")));

    private TestReferences() {
    }

    static PipelineConfigLoader hostLoader() {
        return PipelineConfigLoader.forHost(List.of(LORA, ADAPTER), CHOICES);
    }

    static Config parse(String origin, String text) {
        return ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(origin));
    }
}
