package dev.peft4j.core.pretrain;

import com.typesafe.config.Config;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.core.config.SettingsViolations;

/**
 * How the masked-LM objective picks and corrupts tokens ({@code pretrain.masking}), as BERT does: each text token is
 * selected with {@code probability}; a selected token becomes the mask token with {@code maskFraction}, a random
 * token with {@code randomFraction}, and stays as it is otherwise. The model is scored on the selected tokens only.
 */
public record MaskingSettings(double probability, double maskFraction, double randomFraction) {

    public MaskingSettings {
        SettingsViolations v = new SettingsViolations();
        v.check(probability > 0 && probability < 1, "pretrain.masking.probability", "a number in (0, 1)",
                probability);
        v.check(maskFraction >= 0 && maskFraction <= 1, "pretrain.masking.mask-fraction", "a number in [0, 1]",
                maskFraction);
        v.check(randomFraction >= 0 && randomFraction <= 1 && maskFraction + randomFraction <= 1,
                "pretrain.masking.random-fraction", "a number in [0, 1 - mask-fraction]", randomFraction);
        v.throwIfAny();
    }

    /** The share of selected tokens left unchanged. */
    public double keepFraction() {
        return 1 - maskFraction - randomFraction;
    }

    static MaskingSettings from(Config root) {
        return SettingsReader.read(root, c -> new MaskingSettings(
                c.getDouble("pretrain.masking.probability"),
                c.getDouble("pretrain.masking.mask-fraction"),
                c.getDouble("pretrain.masking.random-fraction")));
    }
}
