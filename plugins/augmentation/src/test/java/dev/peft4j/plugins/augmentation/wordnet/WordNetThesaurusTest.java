package dev.peft4j.plugins.augmentation.wordnet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WordNetThesaurusTest {

    private final WordNetThesaurus wordNet = WordNetThesaurus.shared(LoggerFactory.getLogger(getClass()));

    @Test
    void synonymsOfGoodAreTheLemmasOfItsWordNet31SensesNounsFirst() {
        assertThat(wordNet.synonyms("good", false))
                .startsWith("goodness", "commodity", "full")
                .containsExactlyInAnyOrder("goodness", "commodity", "full", "estimable", "honorable",
                        "respectable", "beneficial", "just", "upright", "adept", "expert", "practiced", "proficient",
                        "skillful", "skilful", "dear", "near", "dependable", "safe", "secure", "right", "ripe", "well",
                        "effective", "in effect", "in force", "serious", "sound", "salutary", "honest", "unspoiled",
                        "unspoilt", "thoroughly", "soundly");
    }

    @Test
    void phrasesAroundTheWordItselfAreNotSynonyms() {
        assertThat(wordNet.synonyms("good", false)).doesNotContain("trade good");
        assertThat(wordNet.synonyms("film", false)).doesNotContain("plastic film", "photographic film");
        assertThat(wordNet.synonyms("string", false)).doesNotContain("string up").contains("twine");
    }

    @Test
    void looksUpWhateverTheCaseAndNeverReturnsTheWordItself() {
        assertThat(wordNet.synonyms("Film", false)).contains("movie", "picture", "flick").doesNotContain("film");
    }

    @Test
    void inflectedWordsMatchOnlyWhenAskedAndNeverYieldTheirOwnBaseForm() {
        assertThat(wordNet.synonyms("movies", false)).isEmpty();
        assertThat(wordNet.synonyms("movies", true)).contains("film", "flick").doesNotContain("movie", "movies");
    }

    @Test
    void wordsWordNetDoesNotKnowHaveNoSynonyms() {
        assertThat(wordNet.synonyms("the", false)).isEmpty();
        assertThat(wordNet.synonyms("qwzx", true)).isEmpty();
    }

    @Test
    void isLoadedOnceAndShared() {
        assertThat(WordNetThesaurus.shared(LoggerFactory.getLogger(getClass()))).isSameAs(wordNet);
    }
}
