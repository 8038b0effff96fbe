package dev.peft4j.core.model.weights;

/**
 * Turns Hugging Face tensor names into op names TensorFlow Java accepts for {@code withName}
 * ({@code [A-Za-z0-9.][A-Za-z0-9_.\-]*}: dots are fine, slashes are not).
 */
final class OpNames {

    private OpNames() {
    }

    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = c < 128 && Character.isLetterOrDigit(c);
            b.append(alnum || c == '.' || c == '_' || c == '-' ? c : '_');
        }
        if (b.length() == 0 || b.charAt(0) == '_' || b.charAt(0) == '-') {
            b.insert(0, 'v');
        }
        return b.toString();
    }
}
