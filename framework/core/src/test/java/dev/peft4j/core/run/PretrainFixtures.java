package dev.peft4j.core.run;

import dev.peft4j.core.importer.MiniLmFixture;
import dev.peft4j.core.model.MapWeightStore;
import dev.peft4j.core.model.TinyModels;
import dev.peft4j.core.model.WeightStore;
import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.core.safetensors.SafetensorsWriter;
import dev.peft4j.core.safetensors.SharedDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small random checkpoints with real tokenizers, written as Hugging Face checkpoint folders, for pretraining runs that
 * take seconds: a 2-layer BERT of hidden size 32 with all-MiniLM-L6-v2's WordPiece tokenizer, and a 2-layer GPT-2 of
 * hidden size 16 with GPT-2's BPE tokenizer. Weights are drawn as transformers initialises a new model.
 */
final class PretrainFixtures {

    static final String BERT_CONFIG = """
            {"model_type": "bert", "architectures": ["BertModel"], "vocab_size": 30522, "hidden_size": 32,
             "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 64, "hidden_act": "gelu",
             "max_position_embeddings": 64, "type_vocab_size": 2, "layer_norm_eps": 1e-12,
             "initializer_range": 0.02, "pad_token_id": 0}
            """;
    static final String GPT2_CONFIG = """
            {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "vocab_size": 50257, "n_embd": 16,
             "n_layer": 2, "n_head": 2, "n_inner": null, "n_positions": 64, "activation_function": "gelu_new",
             "layer_norm_epsilon": 1e-5, "initializer_range": 0.02, "bos_token_id": 50256, "eos_token_id": 50256}
            """;

    private PretrainFixtures() {
    }

    static Path tinyBert(Path dir) {
        BertConfig config = (BertConfig) ModelConfigReader.parse(BERT_CONFIG, "tiny bert");
        MapWeightStore shapes = TinyModels.store(TinyModels.bertWeights(config, 1));
        return write(dir, BERT_CONFIG, new RandomWeights(shapes, 0.02, 7), MiniLmFixture.checkpoint().dir(),
                List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"));
    }

    static Path tinyGpt2(Path dir) {
        Gpt2Config config = (Gpt2Config) ModelConfigReader.parse(GPT2_CONFIG, "tiny gpt2");
        MapWeightStore shapes = TinyModels.store(TinyModels.gpt2Weights(config, 1));
        return write(dir, GPT2_CONFIG, new RandomWeights(shapes, 0.02, 7), SharedDir.resolve("models/tiny-gpt2"),
                List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json",
                        "merges.txt"));
    }

    /** The first {@code lines} lines of SST-2's training sentences, "label sentence" per line. */
    static Path sst2(Path dir, int lines) {
        try {
            Path source = SharedDir.resolve("data/sst2-sentences/stsa.binary.train");
            return Files.write(Files.createDirectories(dir).resolve("sst2.txt"),
                    Files.readAllLines(source).subList(0, lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path dir, String config, WeightStore weights, Path tokenizerDir, List<String> files) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), config);
            SafetensorsWriter writer = new SafetensorsWriter();
            for (String name : weights.names()) {
                writer.add(name, weights.read(name));
            }
            writer.write(dir.resolve("model.safetensors"));
            for (String file : files) {
                Files.copy(tokenizerDir.resolve(file), dir.resolve(file));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
