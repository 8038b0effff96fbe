package dev.peft4j.core.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.data.TestSettings;
import org.junit.jupiter.api.Test;

class TextCleanerTest {

    private static TextCleaner cleaner(String steps) {
        return new TextCleaner(TestSettings.settings("train = x, clean.steps = [" + steps + "]").clean());
    }

    @Test
    void defaultStepsRepairWindows1252NormalizeStripControlsAndCollapseSpace() {
        TextCleaner cleaner = new TextCleaner(TestSettings.settings("train = x").clean());

        assertThat(cleaner.clean("  Fine if that\u0092s\tthe \uFB01rst\u0000 way\u200B \r\n ok  "))
                .isEqualTo("Fine if that\u2019s the first way ok");
    }

    @Test
    void collapseTurnsEveryKindOfWhiteSpaceIntoSingleSpaces() {
        assertThat(cleaner("collapse-whitespace").clean("\u00A0a\tb\u2003\u2003c\u0085d\u3000 "))
                .isEqualTo("a b c d");
        assertThat(cleaner("collapse-whitespace").clean("a\u200Bb")).isEqualTo("a\u200Bb");
    }

    @Test
    void stepsRunInTheConfiguredOrder() {
        assertThat(cleaner("mask-numbers, lowercase").clean("Call 0800 123")).isEqualTo("call [num] [num]");
        assertThat(cleaner("lowercase, mask-numbers").clean("Call 0800 123")).isEqualTo("call [NUM] [NUM]");
    }

    @Test
    void masksUrlsEmailsAndNumbersWithConfiguredTokens() {
        TextCleaner cleaner = new TextCleaner(TestSettings.settings("train = x, clean.steps = [mask-emails,"
                + " mask-urls, mask-numbers], clean.masks.url = \"<u>\"").clean());

        assertThat(cleaner.clean("mail jo.b+x@mail.example.co.uk or see https://x.org/a?b=1 and www.win.com now 3,000.50"))
                .isEqualTo("mail [EMAIL] or see <u> and <u> now [NUM]");
    }

    @Test
    void unescapesHtmlEntitiesAsFoundInSmsSpam() {
        assertThat(cleaner("unescape-html").clean("I'll text &lt;#&gt; mins &amp; &#39;you&#x27; &bogus;"))
                .isEqualTo("I'll text <#> mins & 'you' &bogus;");
    }

    @Test
    void punctuationStrippingAndLowercasingAreOptIn() {
        assertThat(cleaner("").clean("Don't STOP!")).isEqualTo("Don't STOP!");
        assertThat(cleaner("strip-punctuation, lowercase").clean("Don't STOP!")).isEqualTo("dont stop");
    }

    @Test
    void nfkcFoldsCompatibilityForms() {
        assertThat(cleaner("nfkc").clean("\uFF21\uFF22\uFF23 \u2460 caf\u0065\u0301")).isEqualTo("ABC 1 caf\u00e9");
    }
}
