package dev.peft4j.core.data.clean;

/** Unicode white space (the White_Space property), checked per char without regular expressions: this is hot. */
public final class Whitespace {

    private static final char NEXT_LINE = '\u0085';

    private Whitespace() {
    }

    public static boolean is(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == NEXT_LINE;
    }

    /** Runs of white space become one space; leading and trailing white space is removed. */
    public static String collapse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (is(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        return out.toString();
    }
}
