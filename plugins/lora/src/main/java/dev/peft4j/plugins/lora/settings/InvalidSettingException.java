package dev.peft4j.plugins.lora.settings;

/**
 * A setting whose value is out of range. The message says what is wrong; {@link #key()} names the setting so the
 * reader can point at the file and line (HOCON) or the {@code adapter_config.json} key.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key relative to {@code method.lora}, e.g. {@code r}. */
    public String key() {
        return key;
    }
}
