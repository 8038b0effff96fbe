package dev.peft4j.plugins.augmentation.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopWordsTest {

    private final StopWords stopWords = StopWords.english();

    @Test
    void shipsTheNltkStyleEnglishListWithContractionFragments() {
        assertThat(stopWords.size()).isEqualTo(153);
        assertThat(stopWords.contains("the")).isTrue();
        assertThat(stopWords.contains("not")).isTrue();
        assertThat(stopWords.contains("very")).isTrue();
        assertThat(stopWords.contains("don")).isTrue();
        assertThat(stopWords.contains("ve")).isTrue();
    }

    @Test
    void matchesWhateverTheCaseAndLeavesContentWordsOut() {
        assertThat(stopWords.contains("The")).isTrue();
        assertThat(stopWords.contains("NOT")).isTrue();
        assertThat(stopWords.contains("good")).isFalse();
        assertThat(stopWords.contains("film")).isFalse();
        assertThat(stopWords.contains("# contraction fragments")).isFalse();
    }
}
