package dev.peft4j.core.model.config;

import java.util.Optional;

/**
 * {@code rope_scaling} of a LLaMA-family config: how the rotary frequencies are stretched for longer contexts.
 *
 * @param type                          {@code default}, {@code linear} or {@code llama3}
 * @param factor                        the stretch factor (1 for {@code default})
 * @param lowFreqFactor                 {@code llama3} only
 * @param highFreqFactor                {@code llama3} only
 * @param originalMaxPositionEmbeddings {@code llama3} only: the context length the model was pretrained with
 */
public record RopeScaling(
        String type, double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositionEmbeddings) {

    public static final RopeScaling NONE = new RopeScaling("default", 1, 1, 1, 1);

    public RopeScaling {
        Checks.positive("rope_scaling.factor", factor);
        if (type.equals("llama3")) {
            Checks.positive("rope_scaling.original_max_position_embeddings", originalMaxPositionEmbeddings);
            if (!(highFreqFactor > lowFreqFactor)) {
                throw new IllegalArgumentException("rope_scaling.high_freq_factor (" + highFreqFactor
                        + ") must be greater than low_freq_factor (" + lowFreqFactor + ")");
            }
        }
    }

    /** Applies the scaling to the unscaled inverse frequencies {@code 1 / theta^(2i/d)}, as Hugging Face does. */
    public double[] scale(double[] inverseFrequencies) {
        double[] out = inverseFrequencies.clone();
        switch (type) {
            case "default" -> {
            }
            case "linear" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] /= factor;
                }
            }
            case "llama3" -> scaleLlama3(out);
            default -> throw new IllegalStateException("unreachable: " + type);
        }
        return out;
    }

    private void scaleLlama3(double[] freq) {
        double lowFreqWavelen = originalMaxPositionEmbeddings / lowFreqFactor;
        double highFreqWavelen = originalMaxPositionEmbeddings / highFreqFactor;
        for (int i = 0; i < freq.length; i++) {
            double wavelen = 2 * Math.PI / freq[i];
            if (wavelen > lowFreqWavelen) {
                freq[i] = freq[i] / factor;
            } else if (wavelen >= highFreqWavelen) {
                double smooth = (originalMaxPositionEmbeddings / wavelen - lowFreqFactor)
                        / (highFreqFactor - lowFreqFactor);
                freq[i] = (1 - smooth) * freq[i] / factor + smooth * freq[i];
            }
        }
    }

    static RopeScaling read(ConfigJson json) {
        Optional<ConfigJson> scaling = json.optionalObject("rope_scaling");
        if (scaling.isEmpty()) {
            return NONE;
        }
        ConfigJson s = scaling.get();
        String type = s.optionalString("rope_type").or(() -> s.optionalString("type")).orElse("default");
        return switch (type) {
            case "default" -> NONE;
            case "linear" -> new RopeScaling("linear", s.requiredDouble("factor"), 1, 1, 1);
            case "llama3" -> new RopeScaling("llama3", s.requiredDouble("factor"), s.requiredDouble("low_freq_factor"),
                    s.requiredDouble("high_freq_factor"), s.requiredInt("original_max_position_embeddings"));
            default -> throw json.error("rope_scaling", "has type '" + type
                    + "', which peft4j does not implement; supported: default, linear, llama3");
        };
    }
}
