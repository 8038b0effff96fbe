package dev.peft4j.plugins.augmentation.charnoise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QwertyKeyboardTest {

    private final QwertyKeyboard keyboard = new QwertyKeyboard();

    @Test
    void neighboursAreTheTouchingKeysOfTheSameAndTheStaggeredRows() {
        assertThat(keyboard.neighboursOf('s')).containsExactlyInAnyOrder('a', 'd', 'w', 'e', 'z', 'x');
        assertThat(keyboard.neighboursOf('g')).containsExactlyInAnyOrder('f', 'h', 't', 'y', 'v', 'b');
        assertThat(keyboard.neighboursOf('q')).containsExactlyInAnyOrder('w', 'a');
        assertThat(keyboard.neighboursOf('p')).containsExactlyInAnyOrder('o', 'l');
        assertThat(keyboard.neighboursOf('m')).containsExactlyInAnyOrder('n', 'j', 'k');
        assertThat(keyboard.neighboursOf('z')).containsExactlyInAnyOrder('x', 'a', 's');
    }

    @Test
    void upperCaseKeysHaveUpperCaseNeighbours() {
        assertThat(keyboard.neighboursOf('Q')).containsExactlyInAnyOrder('W', 'A');
    }

    @Test
    void everyLetterHasNeighboursAndOnlyAsciiLettersAreKeys() {
        for (char c = 'a'; c <= 'z'; c++) {
            assertThat(keyboard.neighboursOf(c)).as("neighbours of %s", c).isNotEmpty().doesNotContain(c);
        }
        assertThat(QwertyKeyboard.isKey('é')).isFalse();
        assertThat(QwertyKeyboard.isKey('7')).isFalse();
        assertThat(QwertyKeyboard.isKey('K')).isTrue();
    }
}
