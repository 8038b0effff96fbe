package dev.peft4j.plugins.augmentation.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A text as whitespace-separated tokens. Punctuation stays attached to its token, so an augmenter that moves or deletes
 * a token never splits a word from its comma; tokens are rejoined with single spaces.
 */
public final class Tokens {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");
    private static final Pattern LETTER_OR_DIGIT = Pattern.compile("[\\p{L}\\p{N}]");

    private Tokens() {
    }

    /** The tokens of {@code text}, in order; none for a blank text. */
    public static List<String> split(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(WHITESPACE.split(trimmed)));
    }

    public static String join(List<String> tokens) {
        return String.join(" ", tokens);
    }

    /** A word is a token with at least one letter or digit; punctuation-only tokens are not words. */
    public static boolean isWord(String token) {
        return LETTER_OR_DIGIT.matcher(token).find();
    }

    /** Positions of the word tokens in {@code tokens}. */
    public static List<Integer> wordPositions(List<String> tokens) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (isWord(tokens.get(i))) {
                positions.add(i);
            }
        }
        return positions;
    }

    /** The token without the punctuation before and after it: {@code "(good),"} has the core {@code good}. */
    public static String core(String token) {
        return EDGE_PUNCTUATION.matcher(token).replaceAll("");
    }

    /** The token with its core replaced, punctuation kept: {@code "(good),"} with {@code fine} is {@code "(fine),"}. */
    public static String replaceCore(String token, String newCore) {
        String core = core(token);
        int start = token.indexOf(core);
        return token.substring(0, start) + newCore + token.substring(start + core.length());
    }
}
