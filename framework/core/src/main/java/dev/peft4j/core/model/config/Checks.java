package dev.peft4j.core.model.config;

/** Constructor-time validation shared by the config records. */
final class Checks {

    private Checks() {
    }

    static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive but is " + value);
        }
    }

    static void positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be positive but is " + value);
        }
    }

    static void probability(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1) but is " + value);
        }
    }

    static void divides(String divisorName, int divisor, String name, int value) {
        if (value % divisor != 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be a multiple of " + divisorName
                    + " (" + divisor + ")");
        }
    }
}
