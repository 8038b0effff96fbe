package dev.peft4j.bench.peft4j;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.bench.model.BertLayout;
import dev.peft4j.bench.model.BertShape;
import dev.peft4j.bench.model.GptLayout;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.ModelShape;
import dev.peft4j.bench.model.Task;
import dev.peft4j.bench.model.TensorSpec;
import dev.peft4j.core.method.FullFineTuning;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.config.Activation;
import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.plugins.lora.LoraMethodFactory;
import dev.peft4j.spi.method.TuningMethod;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a peft4j pipeline would build for each benchmark task: the config.json the shape describes, the model options
 * of {@code reference.conf} (dropout off, so every engine computes the same step), and the tuning method made by its
 * real factory: the LoRA plugin's {@link LoraMethodFactory} with a {@code method.lora} block, or full fine-tuning.
 */
final class Peft4jModels {

    /** GPT-2's LayerNorm epsilon (config.json's layer_norm_epsilon). */
    private static final double GPT2_LAYER_NORM_EPSILON = 1e-5;
    private static final double INITIALIZER_RANGE = 0.02;
    /** all-MiniLM-L6-v2's dropout rates; the model options switch dropout off. */
    private static final double MINILM_DROPOUT = 0.1;

    private Peft4jModels() {
    }

    static ModelConfig config(ModelShape shape) {
        if (shape instanceof GptShape s) {
            // activation_function "gelu" (exact, as PyTorch's F.gelu), no dropout, tied LM head.
            return new Gpt2Config(s.vocab(), s.hidden(), s.layers(), s.heads(), s.mlpWidth(), s.seqLen(),
                    Activation.GELU_EXACT, GPT2_LAYER_NORM_EPSILON, 0, 0, 0, true, false, true, INITIALIZER_RANGE);
        }
        BertShape s = (BertShape) shape;
        return new BertConfig(s.vocab(), s.hidden(), s.layers(), s.heads(), s.intermediate(), Activation.GELU_EXACT,
                MINILM_DROPOUT, MINILM_DROPOUT, MINILM_DROPOUT, s.positions(), s.typeVocab(),
                BertShape.LAYER_NORM_EPSILON, 0, INITIALIZER_RANGE);
    }

    /** The pretrained checkpoint the model is built from (the new head and the adapters are not in it). */
    static List<TensorSpec> checkpoint(ModelShape shape) {
        return shape instanceof GptShape s ? GptLayout.base(s) : BertLayout.base((BertShape) shape);
    }

    /** Set (through {@code --child-jvm-option}) to build peft4j's model with gradient checkpointing. */
    static final String CHECKPOINTING_PROPERTY = "peft4j.bench.gradient-checkpointing";

    static ModelOptions options(ModelShape shape, long seed) {
        Head head = shape instanceof BertShape s ? Head.classification(s.classes()) : Head.causalLm();
        return ModelOptions.fromConfig(ConfigFactory.defaultReference().getConfig("model"), head, seed)
                .withDropout(false).withGradientCheckpointing(Boolean.getBoolean(CHECKPOINTING_PROPERTY));
    }

    /** The tuning method of the task, none for inference. */
    static Optional<TuningMethod> method(Task task, ModelShape shape, long seed, Path workDir) {
        if (task == Task.FULL_TRAIN) {
            return Optional.of(new FullFineTuning());
        }
        if (!task.usesLora()) {
            return Optional.empty();
        }
        List<String> targets = shape instanceof GptShape ? List.of("c_attn") : List.of("query", "value");
        Config lora = ConfigFactory.parseMap(Map.of("r", shape.loraRank(), "alpha", (double) shape.loraAlpha(),
                        "dropout", 0.0, "target-modules", targets))
                .withFallback(ConfigFactory.defaultReference().getConfig("method.lora"));
        LoraMethodFactory factory = new LoraMethodFactory();
        return Optional.of(factory.create(lora, new HostPluginContext(factory.name(), seed, workDir)));
    }
}
