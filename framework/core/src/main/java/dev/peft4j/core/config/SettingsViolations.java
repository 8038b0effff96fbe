package dev.peft4j.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a settings record's constructor refuses, so one construction reports every bad value:
 * <pre>{@code
 * var violations = new SettingsViolations();
 * violations.check(epochs >= 1, "training.epochs", "a whole number >= 1", epochs);
 * violations.throwIfAny();
 * }</pre>
 */
public final class SettingsViolations {

    private final List<SettingViolation> violations = new ArrayList<>();

    /** Records a violation unless {@code ok}; {@code found} is shown quoted when it is a string. */
    public void check(boolean ok, String path, String expected, Object found) {
        if (!ok) {
            violations.add(new SettingViolation(path, expected, show(found)));
        }
    }

    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidSettingsException(violations);
        }
    }

    private static String show(Object value) {
        return value instanceof CharSequence text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
