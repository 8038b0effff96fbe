package dev.peft4j.core.config;

/**
 * A settings value a record's constructor refused.
 *
 * @param path     the pipeline key the value comes from, e.g. {@code training.epochs}
 * @param expected what is allowed, e.g. {@code a whole number >= 1}
 * @param found    the refused value, as shown to the user
 */
public record SettingViolation(String path, String expected, String found) {

    public String message() {
        return path + ": expected " + expected + ", found " + found;
    }
}
