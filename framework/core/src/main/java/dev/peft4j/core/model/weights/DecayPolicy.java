package dev.peft4j.core.model.weights;

import java.util.Locale;

/**
 * Which trainable variables get weight decay: Hugging Face's Trainer exempts biases and normalisation weights, and so
 * does peft4j. Base weights know whether they are norms; an adapter's variables are judged by name.
 */
final class DecayPolicy {

    private DecayPolicy() {
    }

    static boolean decays(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !(n.contains("bias") || n.contains("norm") || n.contains("ln_"));
    }
}
