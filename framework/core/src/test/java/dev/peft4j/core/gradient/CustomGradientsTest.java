package dev.peft4j.core.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CustomGradientsTest {

    @BeforeAll
    static void register() {
        CustomGradients.registerBuiltins();
    }

    @Test
    void registeringTheBuiltinsAgainChangesNothing() {
        CustomGradients.registerBuiltins();
        CustomGradients.registerBuiltins();

        assertThat(CustomGradients.isRegistered(IdentityNGradient.OP_TYPE)).isTrue();
    }

    @Test
    void aSecondDifferentGradientForTheSameOpTypeIsRefused() {
        assertThatThrownBy(() -> CustomGradients.register(IdentityNGradient.OP_TYPE, (tf, op, grads) -> List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IdentityN")
                .hasMessageContaining("once per process");
    }

    @Test
    void anOpWithABuiltInGradientKeepsIt() {
        assertThat(CustomGradients.register("MatMul", (tf, op, grads) -> List.of())).isFalse();
        assertThat(CustomGradients.isRegistered("MatMul")).isFalse();
    }
}
