package dev.peft4j.core.data.clean;

/** Decides whether a cleaned row is kept: empty texts and texts outside the length bounds are dropped. */
public final class RowFilter {

    private final CleanSettings settings;

    public RowFilter(CleanSettings settings) {
        this.settings = settings;
    }

    /** Why the row is dropped, or null to keep it. Each text of a pair is checked on its own. */
    public String dropReason(String text, String pair) {
        String reason = check(text);
        return reason != null || pair == null ? reason : check(pair);
    }

    private String check(String text) {
        if (text.isEmpty() && settings.dropEmpty()) {
            return "empty text";
        }
        int length = settings.lengthUnit().measure(text);
        String unit = settings.lengthUnit() == LengthUnit.WORDS ? " words" : " characters";
        if (length < settings.minLength()) {
            return "shorter than " + settings.minLength() + unit;
        }
        if (settings.maxLength() > 0 && length > settings.maxLength()) {
            return "longer than " + settings.maxLength() + unit;
        }
        return null;
    }
}
