package dev.peft4j.plugins.augmentation.charnoise;

import dev.peft4j.plugins.augmentation.text.Tokens;
import dev.peft4j.plugins.augmentation.text.Variants;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.Example;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Typos: each ASCII letter is independently replaced by a neighbouring QWERTY key, dropped, or doubled, with the
 * configured rates. Digits, punctuation, spaces and other scripts are left alone.
 */
public final class CharNoiseAugmenter implements Augmenter {

    private final CharNoiseSettings settings;
    private final QwertyKeyboard keyboard = new QwertyKeyboard();

    public CharNoiseAugmenter(CharNoiseSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<Example> augment(Example original, int count, RandomGenerator random) {
        String text = original.text();
        if (text.chars().noneMatch(c -> QwertyKeyboard.isKey((char) c))) {
            return Variants.none(original, count, CharNoiseFactory.NAME);
        }
        return Variants.draw(original, count, CharNoiseFactory.NAME, random, r -> Tokens.split(typo(text, r)));
    }

    private String typo(String text, RandomGenerator random) {
        double substitute = settings.substituteRate();
        double drop = substitute + settings.dropRate();
        double duplicate = drop + settings.duplicateRate();
        StringBuilder noisy = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!QwertyKeyboard.isKey(c)) {
                noisy.append(c);
                continue;
            }
            double draw = random.nextDouble();
            if (draw < substitute) {
                char[] neighbours = keyboard.neighboursOf(c);
                noisy.append(neighbours[random.nextInt(neighbours.length)]);
            } else if (draw >= drop) {
                // A draw in [substitute, drop) drops the letter: nothing is appended.
                noisy.append(c);
                if (draw < duplicate) {
                    noisy.append(c);
                }
            }
        }
        return noisy.toString();
    }
}
