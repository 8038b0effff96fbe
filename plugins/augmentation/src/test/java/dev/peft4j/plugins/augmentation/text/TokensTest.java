package dev.peft4j.plugins.augmentation.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void splitsOnAnyWhitespaceAndRejoinsWithSingleSpaces() {
        assertThat(Tokens.split("  a\tfine\r\nfilm  ")).containsExactly("a", "fine", "film");
        assertThat(Tokens.join(Tokens.split("a  fine\tfilm"))).isEqualTo("a fine film");
        assertThat(Tokens.split(" \t ")).isEmpty();
    }

    @Test
    void aWordHasALetterOrDigitAndPunctuationOnlyTokensAreNot() {
        assertThat(Tokens.isWord("film,")).isTrue();
        assertThat(Tokens.isWord("1930s")).isTrue();
        assertThat(Tokens.isWord("n't")).isTrue();
        assertThat(Tokens.isWord(",")).isFalse();
        assertThat(Tokens.isWord("...")).isFalse();
        assertThat(Tokens.wordPositions(Tokens.split("good , bad ."))).containsExactly(0, 2);
    }

    @Test
    void theCoreDropsEdgePunctuationAndReplacingItKeepsThePunctuation() {
        assertThat(Tokens.core("(good),")).isEqualTo("good");
        assertThat(Tokens.core("re-imagining")).isEqualTo("re-imagining");
        assertThat(Tokens.core("'s")).isEqualTo("s");
        assertThat(Tokens.replaceCore("(good),", "fine")).isEqualTo("(fine),");
        assertThat(Tokens.replaceCore("good", "in effect")).isEqualTo("in effect");
    }
}
