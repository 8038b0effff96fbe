package dev.peft4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.plugin.PluginSettings;
import dev.peft4j.core.pretrain.CorpusFormat;
import dev.peft4j.core.pretrain.DocumentUnit;
import dev.peft4j.core.pretrain.ObjectiveChoice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainRunSettingsTest {

    private static PluginHost host;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        host = PluginHost.start(new PluginSettings(Files.createDirectories(work.resolve("plugins"))))
                .requireNoProblems();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static PipelineConfig load(String name, String text) throws Exception {
        Path file = Files.writeString(work.resolve(name), text);
        return PipelineLoading.loader(host).load(file, Map.of());
    }

    @Test
    void thePretrainBlockIsReadWithItsDefaultsAndPathsFromThePipelineFolder() throws Exception {
        PipelineConfig config = load("defaults.conf", """
                model.path = "model"
                method.type = full
                pretrain.text { files = ["corpus", "more/notes.jsonl"], encoding = ISO-8859-1 }
                """);

        PretrainRunSettings settings = PretrainRunSettings.from(config, work);

        assertThat(PretrainRunSettings.isPretraining(config)).isTrue();
        assertThat(settings.pretrain().objective()).isEqualTo(ObjectiveChoice.AUTO);
        assertThat(settings.pretrain().text().files()).containsExactly(work.resolve("corpus"),
                work.resolve("more/notes.jsonl"));
        assertThat(settings.pretrain().text().format()).isEqualTo(CorpusFormat.AUTO);
        assertThat(settings.pretrain().text().documents()).isEqualTo(DocumentUnit.LINE);
        assertThat(settings.pretrain().text().encoding()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(settings.pretrain().blockSize()).isEqualTo(128);
        assertThat(settings.pretrain().validationFraction()).isEqualTo(0.05);
        assertThat(settings.pretrain().masking().keepFraction()).isEqualTo(0.1, org.assertj.core.api.Assertions
                .within(1e-12));
        assertThat(settings.pretrain().seed()).isEqualTo(settings.host().pipeline().seed());
    }

    @Test
    void everyRefusedValueIsReportedAtOnceAtItsLine() throws Exception {
        PipelineConfig config = load("refused.conf", """
                model.path = "model"
                method.type = full
                pretrain {
                  block-size = 4
                  validation-fraction = 0.9
                  masking.random-fraction = 0.5
                  text.encoding = "no-such-charset"
                }
                training.best-metric = accuracy
                """);

        assertThatThrownBy(() -> PretrainRunSettings.from(config, work))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining("6 problems")
                .hasMessageContaining("pretrain.text.files")
                .hasMessageContaining("refused.conf:4: pretrain.block-size")
                .hasMessageContaining("refused.conf:5: pretrain.validation-fraction")
                .hasMessageContaining("refused.conf:6: pretrain.masking.random-fraction")
                .hasMessageContaining("refused.conf:7: pretrain.text.encoding")
                .hasMessageContaining("refused.conf:9: training.best-metric", "loss or perplexity");
        assertThat(PretrainRunSettings.isPretraining(config)).isFalse();
    }

    @Test
    void theLoaderRefusesUnknownKeysObjectivesAndMethodsOfThePretrainBlock() {
        assertThatThrownBy(() -> load("strict.conf", """
                model.path = "model"
                method.type = lora
                pretrain {
                  blok-size = 64
                  objective = mlm
                }
                """))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining("strict.conf:4: pretrain.blok-size", "did you mean 'pretrain.block-size'")
                .hasMessageContaining("strict.conf:5: pretrain.objective", "auto, masked-lm, causal-lm")
                .hasMessageContaining("strict.conf:2: method.type", "full");
    }
}
