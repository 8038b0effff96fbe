package dev.peft4j.plugins.prompttuning.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.adapter.AdapterReader;
import dev.peft4j.core.adapter.AdapterWriter;
import dev.peft4j.core.adapter.SavedAdapter;
import dev.peft4j.core.model.GreedyDecoder;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.plugins.prompttuning.PromptTuningMethodFactory;
import dev.peft4j.plugins.prompttuning.settings.PromptTuningSettings;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.testkit.model.FixedTask;
import dev.peft4j.testkit.model.TinyArchitecture;
import dev.peft4j.testkit.train.ContractTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Greedy generation on a tiny GPT-2 with a soft prompt in front of the context at every step. */
class SoftPromptGenerationTest {

    private static final Map<String, FloatTensor> WEIGHTS = TinyArchitecture.GPT2.weights(11);
    private static final int[] CONTEXT = {5, 30, 17};

    @TempDir
    Path work;

    private PromptTuningMethodFactory factory() {
        return new PromptTuningMethodFactory();
    }

    /**
     * A prompt initialised from the text "12 4 20 7" holds those tokens' word embeddings, so generating after it is
     * generating after the written tokens 12 4 20 7 + context: only true when the prompt is in front at every step.
     */
    @Test
    void aTextInitialisedPromptGeneratesWhatTheBaseModelGeneratesAfterThatText() {
        var method = factory().create(ConfigFactory.parseString("num-virtual-tokens = 4, init = text, "
                + "init-text = \"12 4 20 7\"").withFallback(PromptTuningSettings.reference()),
                new HostPluginContext("prompt-tuning", 1, work));
        try (ModelGraph prompted = TinyArchitecture.GPT2.builder(WEIGHTS, Head.causalLm(), 1)
                .tokenizer(new NumberTokenizer()).adapter("default", method).build();
                ModelGraph base = TinyArchitecture.GPT2.builder(WEIGHTS, Head.causalLm(), 1).build()) {
            int[] expected = GreedyDecoder.generate(base, new int[] {12, 4, 20, 7, 5, 30, 17}, 10,
                    GreedyDecoder.NO_STOP);
            assertThat(GreedyDecoder.generate(prompted, CONTEXT, 10, GreedyDecoder.NO_STOP)).containsExactly(expected);
            assertThat(GreedyDecoder.generate(base, CONTEXT, 10, GreedyDecoder.NO_STOP)).isNotEqualTo(expected);
        }
    }

    @Test
    void aTrainedPromptGeneratesTheSameAfterSavingAndLoading() {
        var method = factory().create(ConfigFactory.parseString("num-virtual-tokens = 6")
                .withFallback(PromptTuningSettings.reference()), new HostPluginContext("prompt-tuning", 1, work));
        Path dir = work.resolve("prompt");
        int[] generated;
        try (ModelGraph model = TinyArchitecture.GPT2.builder(WEIGHTS, Head.causalLm(), 1)
                .adapter("default", method).build()) {
            ContractTraining training = new ContractTraining(model, 0.05);
            for (int i = 0; i < 10; i++) {
                training.step(FixedTask.batch(Head.causalLm(), 64, 1));
            }
            generated = GreedyDecoder.generate(model, CONTEXT, 8, GreedyDecoder.NO_STOP);
            AdapterWriter.save(model, "default", dir);
        }
        SavedAdapter saved = new AdapterReader(List.of(factory()), f -> new HostPluginContext(f.name(), 2, work))
                .read(dir);
        try (ModelGraph loaded = SavedAdapter.build(TinyArchitecture.GPT2.builder(WEIGHTS, Head.causalLm(), 1),
                Map.of("default", saved))) {
            assertThat(GreedyDecoder.generate(loaded, CONTEXT, 8, GreedyDecoder.NO_STOP)).containsExactly(generated);
        }
    }
}
