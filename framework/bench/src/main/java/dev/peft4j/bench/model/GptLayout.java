package dev.peft4j.bench.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The names and shapes of every weight of the benchmark model. Dense weights are stored [in, out] (GPT-2's Conv1D
 * layout, so {@code y = x W + b}); q, k and v are separate projections so that LoRA can target q and v alone.
 */
public final class GptLayout {

    public static final String TOKEN_EMBEDDING = "wte";
    public static final String POSITION_EMBEDDING = "wpe";
    public static final String FINAL_NORM = "ln_f";

    /** The dense projections of one block, in the order the forward pass uses them. */
    public static final List<String> PROJECTIONS = List.of("attn.q", "attn.k", "attn.v", "attn.o", "mlp.fc", "mlp.proj");

    /** The projections LoRA adapts. */
    public static final List<String> LORA_TARGETS = List.of("attn.q", "attn.v");

    private GptLayout() {
    }

    /** {@code h.<layer>.<part>}, e.g. {@code h.3.attn.q} */
    public static String block(int layer, String part) {
        return "h." + layer + "." + part;
    }

    public static String weight(String prefix) {
        return prefix + ".w";
    }

    public static String bias(String prefix) {
        return prefix + ".b";
    }

    public static String gain(String prefix) {
        return prefix + ".g";
    }

    public static String loraA(String prefix) {
        return prefix + ".lora_a";
    }

    public static String loraB(String prefix) {
        return prefix + ".lora_b";
    }

    /** The base model's weights (everything a full fine-tune trains). */
    public static List<TensorSpec> base(GptShape s) {
        int h = s.hidden();
        List<TensorSpec> specs = new ArrayList<>();
        specs.add(new TensorSpec(TOKEN_EMBEDDING, new long[] {s.vocab(), h}, TensorSpec.Init.WEIGHT));
        specs.add(new TensorSpec(POSITION_EMBEDDING, new long[] {s.seqLen(), h}, TensorSpec.Init.WEIGHT));
        for (int l = 0; l < s.layers(); l++) {
            addNorm(specs, block(l, "ln_1"), h);
            for (String p : PROJECTIONS) {
                String prefix = block(l, p);
                long in = p.equals("mlp.proj") ? s.mlpWidth() : h;
                long out = p.equals("mlp.fc") ? s.mlpWidth() : h;
                specs.add(new TensorSpec(weight(prefix), new long[] {in, out}, TensorSpec.Init.WEIGHT));
                specs.add(new TensorSpec(bias(prefix), new long[] {out}, TensorSpec.Init.WEIGHT));
                if (p.equals("attn.o")) {
                    addNorm(specs, block(l, "ln_2"), h);
                }
            }
        }
        addNorm(specs, FINAL_NORM, h);
        return List.copyOf(specs);
    }

    /** The LoRA factors on q and v of every block: A [hidden, r], B [r, hidden]. */
    public static List<TensorSpec> lora(GptShape s) {
        List<TensorSpec> specs = new ArrayList<>();
        for (int l = 0; l < s.layers(); l++) {
            for (String target : LORA_TARGETS) {
                String prefix = block(l, target);
                specs.add(new TensorSpec(loraA(prefix), new long[] {s.hidden(), s.loraRank()}, TensorSpec.Init.LORA_A));
                specs.add(new TensorSpec(loraB(prefix), new long[] {s.loraRank(), s.hidden()}, TensorSpec.Init.ZERO));
            }
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
        };
    }

    public static long parameterCount(List<TensorSpec> specs) {
        return specs.stream().mapToLong(TensorSpec::size).sum();
    }

    private static void addNorm(List<TensorSpec> specs, String prefix, int h) {
        specs.add(new TensorSpec(gain(prefix), new long[] {h}, TensorSpec.Init.GAIN));
        specs.add(new TensorSpec(bias(prefix), new long[] {h}, TensorSpec.Init.WEIGHT));
    }
}
