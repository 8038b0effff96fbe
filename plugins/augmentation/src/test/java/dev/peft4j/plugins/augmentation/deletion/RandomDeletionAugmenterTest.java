package dev.peft4j.plugins.augmentation.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.plugins.augmentation.Sst2Sentences;
import dev.peft4j.plugins.augmentation.text.Tokens;
import dev.peft4j.spi.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomDeletionAugmenterTest {

    @Test
    void neverLeavesAnEmptyTextEvenWhenAlmostEveryWordIsDeleted() {
        RandomDeletionAugmenter augmenter = new RandomDeletionAugmenter(new RandomDeletionSettings(0.99));
        SplittableRandom random = new SplittableRandom(17);
        for (String text : List.of("truly great", "not bad at all", "dull , dull .")) {
            for (int i = 0; i < 200; i++) {
                for (Example variant : augmenter.augment(new Example("x", text, null, "1"), 1, random)) {
                    assertThat(Tokens.wordPositions(Tokens.split(variant.text()))).as(variant.text()).hasSize(1);
                }
            }
        }
    }

    @Test
    void keepsTheRemainingWordsInOrderAndEveryPunctuationToken() {
        RandomDeletionAugmenter augmenter = new RandomDeletionAugmenter(new RandomDeletionSettings(0.3));
        for (Example sentence : Sst2Sentences.dev(200)) {
            List<String> original = Tokens.split(sentence.text());
            for (Example variant : augmenter.augment(sentence, 3, new SplittableRandom(19))) {
                List<String> kept = Tokens.split(variant.text());
                assertThat(original).containsSubsequence(kept);
                assertThat(kept.stream().filter(token -> !Tokens.isWord(token)))
                        .containsExactlyElementsOf(original.stream().filter(token -> !Tokens.isWord(token)).toList());
            }
        }
    }

    @Test
    void deletesEachWordWithProbabilityP() {
        List<String> words = new ArrayList<>();
        Sst2Sentences.dev(40).forEach(sentence -> words.addAll(Tokens.split(sentence.text())));
        List<String> longText = words.stream().filter(Tokens::isWord).limit(400).toList();
        Example example = new Example("x", String.join(" ", longText), null, "1");
        RandomDeletionAugmenter augmenter = new RandomDeletionAugmenter(new RandomDeletionSettings(0.1));
        SplittableRandom random = new SplittableRandom(23);

        double deleted = 0;
        int samples = 200;
        for (int i = 0; i < samples; i++) {
            int kept = Tokens.split(augmenter.augment(example, 1, random).get(0).text()).size();
            deleted += (double) (longText.size() - kept) / longText.size();
        }

        // 80,000 Bernoulli(0.1) draws: the mean's standard deviation is about 0.001.
        assertThat(deleted / samples).isCloseTo(0.1, within(0.005));
    }

    @Test
    void aOneWordTextGivesNoAugmentation() {
        assertThat(new RandomDeletionAugmenter(new RandomDeletionSettings(0.5))
                .augment(new Example("x", "great !", null, "1"), 3, new SplittableRandom(1))).isEmpty();
    }
}
