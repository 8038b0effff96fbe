package dev.peft4j.plugins.adapter.settings;

/**
 * What multiplies an adapter's output: a fixed number, or a trainable scalar starting at 1.
 *
 * @param value the fixed factor; 1 (the start) when learned
 */
public record Scaling(boolean learned, double value) {

    public static final String LEARNED = "learned";

    public Scaling {
        if (!Double.isFinite(value) || value == 0) {
            throw new IllegalArgumentException("scaling must be a finite non-zero number or \"learned\", got " + value);
        }
    }

    public static Scaling fixed(double value) {
        return new Scaling(false, value);
    }

    public static Scaling learnedFromOne() {
        return new Scaling(true, 1.0);
    }

    /** A number, or the string {@code learned}. */
    public static Scaling parse(Object value) {
        if (value instanceof Number n) {
            return fixed(n.doubleValue());
        }
        if (LEARNED.equals(value)) {
            return learnedFromOne();
        }
        throw new IllegalArgumentException("scaling must be a number or \"learned\", got '" + value + "'");
    }

    /** As written to the saved config: the number, or {@code "learned"}. */
    public Object savedValue() {
        return learned ? LEARNED : value;
    }
}
