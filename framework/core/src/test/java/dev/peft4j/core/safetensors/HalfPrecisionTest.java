package dev.peft4j.core.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HalfPrecisionTest {

    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    @ParameterizedTest(name = "fp32 {0} -> bf16 {1}")
    @CsvSource({
            // exact values keep their upper half
            "0x3F800000, 0x3F80", // 1.0
            "0xC0490FDB, 0xC049", // -pi: lower half 0x0FDB < 0x8000 rounds down
            "0x3F808000, 0x3F80", // tie, upper half even (0x3F80): stays
            "0x3F818000, 0x3F82", // tie, upper half odd (0x3F81): rounds up to even
            "0x3F808001, 0x3F81", // just above the tie: rounds up
            "0x7F7FFFFF, 0x7F80", // largest fp32 rounds to +infinity
            "0x7F800000, 0x7F80", // +infinity
            "0xFF800000, 0xFF80", // -infinity
            "0x80000000, 0x8000", // -0.0
            "0x00000001, 0x0000", // smallest subnormal rounds to +0
            "0x7F800001, 0x7FC0", // signalling NaN whose payload would vanish stays a (quiet) NaN
    })
    void roundsFloatToBfloat16ToNearestEven(String fp32, String bf16) {
        short actual = HalfPrecision.floatToBf16(f(Integer.parseUnsignedInt(fp32.substring(2), 16)));
        assertThat(actual & 0xffff).isEqualTo(Integer.parseInt(bf16.substring(2), 16));
    }

    @ParameterizedTest(name = "fp32 {0} -> f16 {1}")
    @CsvSource({
            "0x3F800000, 0x3C00", // 1.0
            "0xC0000000, 0xC000", // -2.0
            "0x477FE000, 0x7BFF", // 65504, the largest f16
            "0x477FF000, 0x7C00", // 65520 is the tie between 65504 and 65536 (odd mantissa): rounds to infinity
            "0x477FEFFF, 0x7BFF", // just below that tie: stays 65504
            "0x3F801000, 0x3C00", // 1 + 2^-11 is the tie between 1 and 1+2^-10: stays on even 1.0
            "0x3F803000, 0x3C02", // 1 + 3*2^-11 ties between odd 0x3C01 and even 0x3C02: rounds up
            "0x38800000, 0x0400", // 2^-14, the smallest normal f16
            "0x33800000, 0x0001", // 2^-24, the smallest subnormal
            "0x33000000, 0x0000", // 2^-25 ties between 0 and 2^-24: rounds to even 0
            "0x33000001, 0x0001", // just above 2^-25: rounds up to the smallest subnormal
            "0x387FC000, 0x03FF", // 2^-14 - 2^-24, the largest subnormal
            "0x7F800000, 0x7C00", // +infinity
            "0x80000000, 0x8000", // -0.0
    })
    void roundsFloatToFloat16ToNearestEven(String fp32, String f16) {
        short actual = HalfPrecision.floatToF16(f(Integer.parseUnsignedInt(fp32.substring(2), 16)));
        assertThat(actual & 0xffff).isEqualTo(Integer.parseInt(f16.substring(2), 16));
    }

    @ParameterizedTest(name = "f16 {0} -> {1}")
    @CsvSource({
            "0x3C00, 1.0",
            "0xC000, -2.0",
            "0x7BFF, 65504.0",
            "0x0001, 5.9604645E-8",
            "0x03FF, 6.097555E-5",
            "0x3555, 0.33325195",
            "0x7C00, Infinity",
            "0xFC00, -Infinity",
    })
    void widensFloat16Exactly(String f16, float expected) {
        assertThat(HalfPrecision.f16ToFloat((short) Integer.parseInt(f16.substring(2), 16))).isEqualTo(expected);
    }

    @Test
    void widensFloat16NaNToNaN() {
        assertThat(HalfPrecision.f16ToFloat((short) 0x7E00)).isNaN();
        assertThat(HalfPrecision.floatToF16(Float.NaN) & 0x7C00).isEqualTo(0x7C00);
        assertThat(HalfPrecision.floatToF16(Float.NaN) & 0x03FF).isNotZero();
    }

    @Test
    void everyFloat16SurvivesAWideningAndNarrowingRoundTrip() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            float wide = HalfPrecision.f16ToFloat((short) bits);
            if (Float.isNaN(wide)) {
                continue;
            }
            assertThat(HalfPrecision.floatToF16(wide) & 0xffff).as("f16 bits %04x", bits).isEqualTo(bits);
        }
    }

    @Test
    void everyBfloat16SurvivesAWideningAndNarrowingRoundTrip() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            float wide = HalfPrecision.bf16ToFloat((short) bits);
            if (Float.isNaN(wide)) {
                continue;
            }
            assertThat(HalfPrecision.floatToBf16(wide) & 0xffff).as("bf16 bits %04x", bits).isEqualTo(bits);
        }
    }
}
