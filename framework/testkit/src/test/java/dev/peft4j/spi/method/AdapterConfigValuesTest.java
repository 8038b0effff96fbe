package dev.peft4j.spi.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterConfigValuesTest {

    private final AdapterConfigValues values = new AdapterConfigValues(Map.of(
            "r", 8, "alpha", 16.0, "dropout", "high", "layers", List.of(0, 2.0), "bad_layers", List.of(1, 2.5),
            "rslora", true, "modules", List.of("q", "v")));

    @Test
    void readsTypedValuesAndFallsBackWhenAbsent() {
        assertThat(values.integer("r", 4)).isEqualTo(8);
        assertThat(values.integer("alpha", 4)).isEqualTo(16);
        assertThat(values.number("missing", 0.5)).isEqualTo(0.5);
        assertThat(values.bool("rslora", false)).isTrue();
        assertThat(values.integers("layers", List.of())).containsExactly(0, 2);
        assertThat(values.strings("modules")).containsExactly("q", "v");
        assertThat(values.strings("missing")).isEmpty();
        assertThat(values.parse("r", 0, v -> ((Number) v).intValue() * 2)).isEqualTo(16);
    }

    @Test
    void aWrongTypeNamesTheFileTheKeyTheExpectationAndTheValue() {
        assertThatThrownBy(() -> values.number("dropout", 0))
                .hasMessage("adapter_config.json: dropout must be a number, got \"high\"");
        assertThatThrownBy(() -> values.integers("bad_layers", List.of()))
                .hasMessage("adapter_config.json: bad_layers must be an integer, got 2.5");
        assertThatThrownBy(() -> values.string("r", ""))
                .hasMessage("adapter_config.json: r must be a string, got 8");
        assertThatThrownBy(() -> values.parse("dropout", 0.0, v -> {
            throw new IllegalArgumentException("not a rate");
        })).hasMessage("adapter_config.json: dropout: not a rate");
    }
}
