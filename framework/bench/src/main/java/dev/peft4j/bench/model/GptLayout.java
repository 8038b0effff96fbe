package dev.peft4j.bench.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The names and shapes of every weight of the GPT-2-shaped model, named as in a Hugging Face GPT-2 checkpoint (so a
 * {@link WeightSource} can stand in for one, and peft4j's {@code Gpt2Architecture} reads it as is): Conv1D weights stored
 * [in, out] ({@code y = x W + b}), q, k and v fused in {@code attn.c_attn}. LoRA factors are laid out and named as
 * Hugging Face PEFT saves them: {@code <module>.lora_A.weight} [r, in] and {@code <module>.lora_B.weight} [out, r].
 */
public final class GptLayout {

    public static final String PREFIX = "transformer.";
    public static final String TOKEN_EMBEDDING = PREFIX + "wte.weight";
    public static final String POSITION_EMBEDDING = PREFIX + "wpe.weight";
    public static final String FINAL_NORM = PREFIX + "ln_f";

    public static final String QKV = "attn.c_attn";
    public static final String ATTENTION_OUT = "attn.c_proj";
    public static final String MLP_IN = "mlp.c_fc";
    public static final String MLP_OUT = "mlp.c_proj";

    private GptLayout() {
    }

    /** {@code transformer.h.<layer>.<part>}, e.g. {@code transformer.h.3.attn.c_attn} */
    public static String block(int layer, String part) {
        return PREFIX + "h." + layer + "." + part;
    }

    public static String weight(String prefix) {
        return prefix + ".weight";
    }

    public static String bias(String prefix) {
        return prefix + ".bias";
    }

    /** PEFT's name of the down projection A [r, in] of the adapter on {@code module}. */
    public static String loraA(String module) {
        return module + ".lora_A.weight";
    }

    /** PEFT's name of the up projection B [out, r] of the adapter on {@code module}. */
    public static String loraB(String module) {
        return module + ".lora_B.weight";
    }

    /** The base model's weights (everything a full fine-tune trains). */
    public static List<TensorSpec> base(GptShape s) {
        int h = s.hidden();
        int mlp = s.mlpWidth();
        List<TensorSpec> specs = new ArrayList<>();
        specs.add(new TensorSpec(TOKEN_EMBEDDING, new long[] {s.vocab(), h}, TensorSpec.Init.WEIGHT));
        specs.add(new TensorSpec(POSITION_EMBEDDING, new long[] {s.seqLen(), h}, TensorSpec.Init.WEIGHT));
        for (int l = 0; l < s.layers(); l++) {
            addNorm(specs, block(l, "ln_1"), h);
            addLinear(specs, block(l, QKV), h, 3 * h);
            addLinear(specs, block(l, ATTENTION_OUT), h, h);
            addNorm(specs, block(l, "ln_2"), h);
            addLinear(specs, block(l, MLP_IN), h, mlp);
            addLinear(specs, block(l, MLP_OUT), mlp, h);
        }
        addNorm(specs, FINAL_NORM, h);
        return List.copyOf(specs);
    }

    /** One adapter per block on the fused c_attn: A [r, H], B [3H, r]. */
    public static List<TensorSpec> lora(GptShape s) {
        List<TensorSpec> specs = new ArrayList<>();
        for (int l = 0; l < s.layers(); l++) {
            String module = block(l, QKV);
            specs.add(new TensorSpec(loraA(module), new long[] {s.loraRank(), s.hidden()}, TensorSpec.Init.LORA_A));
            specs.add(new TensorSpec(loraB(module), new long[] {3L * s.hidden(), s.loraRank()}, TensorSpec.Init.ZERO));
        }
        return List.copyOf(specs);
    }

    /** Every weight the task needs: base, plus the LoRA factors for the LoRA task. */
    public static List<TensorSpec> forTask(GptShape s, Task task) {
        if (!task.usesLora()) {
            return base(s);
        }
        List<TensorSpec> all = new ArrayList<>(base(s));
        all.addAll(lora(s));
        return List.copyOf(all);
    }

    /** The weights the task trains: the LoRA factors, every base weight, or none. */
    public static List<TensorSpec> trainable(GptShape s, Task task) {
        return switch (task) {
            case LORA_TRAIN -> lora(s);
            case FULL_TRAIN -> base(s);
            case INFERENCE -> List.of();
            case MINILM_LORA -> throw new IllegalArgumentException("the MiniLM task runs on a BERT shape, not GPT-2");
        };
    }

    public static long parameterCount(List<TensorSpec> specs) {
        return specs.stream().mapToLong(TensorSpec::size).sum();
    }

    static void addLinear(List<TensorSpec> specs, String prefix, long in, long out) {
        specs.add(new TensorSpec(weight(prefix), new long[] {in, out}, TensorSpec.Init.WEIGHT));
        specs.add(new TensorSpec(bias(prefix), new long[] {out}, TensorSpec.Init.WEIGHT));
    }

    static void addNorm(List<TensorSpec> specs, String prefix, int h) {
        specs.add(new TensorSpec(weight(prefix), new long[] {h}, TensorSpec.Init.GAIN));
        specs.add(new TensorSpec(bias(prefix), new long[] {h}, TensorSpec.Init.WEIGHT));
    }
}
