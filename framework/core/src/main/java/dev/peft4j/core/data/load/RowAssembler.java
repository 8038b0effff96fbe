package dev.peft4j.core.data.load;

import java.util.regex.Matcher;

/** Checks the fields a reader found and makes a {@link RawRow}, or rejects the row with its reason. */
final class RowAssembler {

    private final SourceSettings settings;
    private final BadRows badRows;

    RowAssembler(SourceSettings settings, BadRows badRows) {
        this.settings = settings;
        this.badRows = badRows;
    }

    /**
     * @param text  null when the text field is missing
     * @param pair  null when missing; ignored when no pair column is configured
     * @param label null when the label field is missing
     * @return the row, or null when it was rejected
     */
    RawRow assemble(String file, long line, String text, String pair, String label) {
        if (text == null) {
            return reject(file, line, "missing text", "the text column " + settings.textColumn() + " is missing");
        }
        boolean paired = settings.pairColumn() != null;
        if (paired && pair == null) {
            return reject(file, line, "missing text pair",
                    "the text pair column " + settings.pairColumn() + " is missing");
        }
        if (label == null || label.isBlank()) {
            return reject(file, line, "missing label", "the label is missing or empty");
        }
        String parsed = parseLabel(file, line, label.trim());
        if (parsed == null) {
            return null;
        }
        return new RawRow(file, line, text, paired ? pair : null, parsed);
    }

    private String parseLabel(String file, long line, String label) {
        String value = label;
        if (settings.labelPattern() != null) {
            Matcher matcher = settings.labelPattern().matcher(label);
            if (!matcher.find() || matcher.group(1) == null) {
                return reject(file, line, "label does not match label-pattern",
                        "label '" + label + "' does not match data.label-pattern '" + settings.labelPattern() + "'");
            }
            value = matcher.group(1);
        }
        switch (settings.labelType()) {
            case INTEGER -> {
                try {
                    Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return reject(file, line, "unparseable label",
                            "label '" + value + "' is not an integer (data.label-type = integer)");
                }
            }
            case FLOAT -> {
                double number;
                try {
                    number = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    return reject(file, line, "unparseable label",
                            "label '" + value + "' is not a number (data.label-type = float)");
                }
                if (!Double.isFinite(number)) {
                    return reject(file, line, "unparseable label", "label '" + value + "' is not a finite number");
                }
            }
            case CLASS -> {
                // any non-blank text names a class
            }
        }
        return value;
    }

    private <T> T reject(String file, long line, String reason, String detail) {
        badRows.reject(file, line, reason, detail);
        return null;
    }
}
