package dev.peft4j.plugins.augmentation.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CasingTest {

    @Test
    void replacementTakesTheCaseOfTheWordItReplaces() {
        assertThat(Casing.like("good", "fine")).isEqualTo("fine");
        assertThat(Casing.like("Good", "fine")).isEqualTo("Fine");
        assertThat(Casing.like("GOOD", "in effect")).isEqualTo("IN EFFECT");
        assertThat(Casing.like("I", "one")).isEqualTo("One");
    }
}
