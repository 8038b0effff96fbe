package dev.peft4j.core.safetensors;

import java.util.Arrays;
import java.util.Optional;

/** The element types of the safetensors format, by the names its header uses. */
public enum DType {
    F64(8, true),
    F32(4, true),
    F16(2, true),
    BF16(2, true),
    I64(8, false),
    U64(8, false),
    I32(4, false),
    U32(4, false),
    I16(2, false),
    U16(2, false),
    I8(1, false),
    U8(1, false),
    BOOL(1, false);

    private final int byteSize;
    private final boolean floatingPoint;

    DType(int byteSize, boolean floatingPoint) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
    }

    public int byteSize() {
        return byteSize;
    }

    /** Whether values of this type can be read as fp32 (widened, or narrowed from F64). */
    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The type a header names, if this reader knows it. */
    public static Optional<DType> fromHeaderName(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
