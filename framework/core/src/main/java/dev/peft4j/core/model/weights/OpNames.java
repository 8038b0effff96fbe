package dev.peft4j.core.model.weights;

/** Turns Hugging Face tensor names into valid TensorFlow op names ({@code [A-Za-z0-9.][A-Za-z0-9_.\-/]*}). */
final class OpNames {

    private OpNames() {
    }

    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) && c < 128 || c == '.' || (i > 0 && (c == '_' || c == '-' || c == '/'));
            b.append(ok ? c : '_');
        }
        if (b.length() == 0 || b.charAt(0) == '_') {
            b.insert(0, 'v');
        }
        return b.toString();
    }
}
