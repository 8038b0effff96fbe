package dev.peft4j.core.model.graph;

import dev.peft4j.core.model.bert.BertArchitecture;
import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.config.LlamaConfig;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.model.gpt2.Gpt2Architecture;
import dev.peft4j.core.model.llama.LlamaArchitecture;

/** The graph recipe for each config type. */
public final class Architectures {

    private Architectures() {
    }

    public static Architecture forConfig(ModelConfig config) {
        if (config instanceof BertConfig c) {
            return new BertArchitecture(c);
        }
        if (config instanceof Gpt2Config c) {
            return new Gpt2Architecture(c);
        }
        return new LlamaArchitecture((LlamaConfig) config);
    }
}
