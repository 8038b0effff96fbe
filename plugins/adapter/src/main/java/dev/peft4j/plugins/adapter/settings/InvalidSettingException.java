package dev.peft4j.plugins.adapter.settings;

/**
 * A setting whose value is out of range. The message says what is wrong; {@link #key()} names the setting so the
 * reader can point at its file and line.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key relative to {@code method.adapter}, e.g. {@code reduction-factor}. */
    public String key() {
        return key;
    }
}
