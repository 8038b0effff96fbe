package dev.peft4j.core.data.clean;

/** How text length is measured for the length filter and the length histogram. */
public enum LengthUnit {
    /** Unicode code points. */
    CHARS,
    /** White-space separated words. */
    WORDS;

    public int measure(String text) {
        return this == CHARS ? text.codePointCount(0, text.length()) : words(text);
    }

    /** Number of white-space separated words. */
    public static int words(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Whitespace.is(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}
