package dev.peft4j.plugins.augmentation.charnoise;

import java.util.ArrayList;
import java.util.List;

/**
 * Neighbouring letter keys on a US QWERTY keyboard: same row left and right, and the touching keys of the staggered
 * rows above and below ({@code s} touches a, d, w, e, z, x).
 */
final class QwertyKeyboard {

    private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

    /** neighbours[c - 'a'] are the lower-case keys touching c. */
    private final char[][] neighbours = new char[26][];

    QwertyKeyboard() {
        for (int row = 0; row < ROWS.length; row++) {
            for (int column = 0; column < ROWS[row].length(); column++) {
                List<Character> touching = new ArrayList<>();
                addKey(touching, row, column - 1);
                addKey(touching, row, column + 1);
                // Each row sits half a key right of the one above: above are columns c and c+1, below c-1 and c.
                addKey(touching, row - 1, column);
                addKey(touching, row - 1, column + 1);
                addKey(touching, row + 1, column - 1);
                addKey(touching, row + 1, column);
                char[] keys = new char[touching.size()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = touching.get(i);
                }
                neighbours[ROWS[row].charAt(column) - 'a'] = keys;
            }
        }
    }

    private static void addKey(List<Character> keys, int row, int column) {
        if (row >= 0 && row < ROWS.length && column >= 0 && column < ROWS[row].length()) {
            keys.add(ROWS[row].charAt(column));
        }
    }

    /** True for the ASCII letters this keyboard knows. */
    static boolean isKey(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The keys touching {@code key}, in its case. */
    char[] neighboursOf(char key) {
        char[] lower = neighbours[Character.toLowerCase(key) - 'a'];
        if (!Character.isUpperCase(key)) {
            return lower.clone();
        }
        char[] upper = new char[lower.length];
        for (int i = 0; i < lower.length; i++) {
            upper[i] = Character.toUpperCase(lower[i]);
        }
        return upper;
    }
}
