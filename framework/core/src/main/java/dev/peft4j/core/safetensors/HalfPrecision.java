package dev.peft4j.core.safetensors;

/**
 * Bit-exact conversions between fp32 and the two 16-bit float formats, rounding to nearest, ties to even, as
 * PyTorch's {@code tensor.to(torch.bfloat16 / torch.float16)} does.
 */
public final class HalfPrecision {

    private HalfPrecision() {
    }

    /** bfloat16 is the upper half of an fp32, so widening is exact. */
    public static float bf16ToFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xffff) << 16);
    }

    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7fffffff) > 0x7f800000) {
            // NaN: truncating could clear every mantissa bit left and turn it into infinity; keep it a quiet NaN.
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    public static float f16ToFloat(short f16) {
        int bits = f16 & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0) {
            // zero or subnormal: mantissa * 2^-24, exact in fp32
            float magnitude = mantissa * 0x1p-24f;
            return Float.intBitsToFloat(sign | Float.floatToRawIntBits(magnitude));
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
    }

    public static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (mantissa == 0 ? sign | 0x7c00 : sign | 0x7e00 | (mantissa >>> 13));
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (halfExponent <= 0) {
            return (short) (sign | toSubnormal(mantissa | 0x800000, 14 - halfExponent));
        }
        int half = sign | (halfExponent << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // a carry out of the mantissa correctly bumps the exponent, up to infinity
        }
        return (short) half;
    }

    /** The f16 subnormal mantissa of {@code significand * 2^-shift} units of 2^-24, rounded half to even. */
    private static int toSubnormal(int significand, int shift) {
        if (shift > 24) {
            return 0; // below half of the smallest subnormal
        }
        int kept = significand >>> shift;
        int rest = significand & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (kept & 1) != 0)) {
            kept++;
        }
        return kept;
    }
}
