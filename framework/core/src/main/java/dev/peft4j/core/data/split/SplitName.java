package dev.peft4j.core.data.split;

import java.util.Locale;

/** The three splits, in the order that decides who gives way on overlap: an earlier split yields to a later one. */
public enum SplitName {
    TRAIN,
    VALIDATION,
    TEST;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
