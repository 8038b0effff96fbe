package dev.peft4j.core.adapter;

import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.TinyModels;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.spi.FloatTensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A tiny GPT-2, the toy low-rank method and a reader that knows it. */
final class AdapterFixtures {

    static final Gpt2Config GPT2 = TinyModels.gpt2();
    static final Map<String, FloatTensor> WEIGHTS = TinyModels.gpt2Weights(GPT2, 1);
    static final Batch BATCH = Batch.of(new int[][] {{3, 7, 1, 22, 5}, {0, 4, 4, 8, 19}});

    private AdapterFixtures() {
    }

    static ModelBuilder gpt2(Head head) {
        return ModelBuilder.create(GPT2, TinyModels.store(WEIGHTS), TinyModels.options(head))
                .modelNameOrPath("tiny/gpt2");
    }

    static AdapterReader reader(Path work) {
        return new AdapterReader(List.of(new ToyMethodFactory()), f -> new HostPluginContext(f.name(), 7, work));
    }

    /** Gives every B factor of {@code adapter} random values, as training would, so the adapter changes the output. */
    static void train(ModelGraph model, String adapter, long seed) {
        Random random = new Random(seed);
        model.adapterTensors(adapter).forEach((saved, variable) -> {
            if (saved.contains("toy_B")) {
                FloatTensor now = model.read(variable);
                model.write(variable, TinyModels.normal(random, 0.5, now.shape()));
            }
        });
    }
}
