package dev.peft4j.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by a settings record's constructor with every value it refused. */
public final class InvalidSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<SettingViolation> violations;

    public InvalidSettingsException(List<SettingViolation> violations) {
        super(violations.stream().map(SettingViolation::message).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidSettingsException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<SettingViolation> violations() {
        return violations;
    }
}
