package dev.peft4j.core.safetensors;

import java.util.Collection;

/** Hints for a tensor name that is not there. */
final class TensorNames {

    private TensorNames() {
    }

    /**
     * "; did you mean 'x'?" when a present name differs only by a leading module prefix (e.g. {@code bert.} or
     * {@code transformer.}), the usual cause of a name mismatch between checkpoints; otherwise empty.
     */
    static String suggestion(String wanted, Collection<String> present) {
        for (String name : present) {
            if (name.endsWith("." + wanted) || wanted.endsWith("." + name)) {
                return "; did you mean '" + name + "'?";
            }
        }
        return "";
    }
}
