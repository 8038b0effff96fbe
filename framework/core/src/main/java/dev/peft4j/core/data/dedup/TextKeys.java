package dev.peft4j.core.data.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Locale;
import dev.peft4j.core.data.clean.Whitespace;
import java.util.regex.Pattern;

/**
 * The 64-bit key of a row's text(s): the first 8 bytes of a SHA-256 digest. With millions of rows the chance that
 * two different texts share a key is below one in a million, and a key costs 8 bytes where a text costs hundreds.
 * Not thread-safe (one digest per instance).
 */
public final class TextKeys {

    private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}+");
    /** Separates text and pair so that ("ab", "c") and ("a", "bc") differ. */
    private static final char PAIR_SEPARATOR = '\u001F';

    private final DedupMode mode;
    private final MessageDigest digest;

    public TextKeys(DedupMode mode) {
        this.mode = mode;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public long key(String text, String pair) {
        String keyed = pair == null ? normalize(text) : normalize(text) + PAIR_SEPARATOR + normalize(pair);
        byte[] hash = digest.digest(keyed.getBytes(StandardCharsets.UTF_8));
        long key = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            key = (key << 8) | (hash[i] & 0xFF);
        }
        return key;
    }

    private String normalize(String text) {
        if (mode != DedupMode.NORMALIZED) {
            return text;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return Whitespace.collapse(PUNCTUATION.matcher(folded).replaceAll(" "));
    }
}
