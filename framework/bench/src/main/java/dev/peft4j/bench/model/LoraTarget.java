package dev.peft4j.bench.model;

/** Where LoRA sits in a GPT-2 block, whose q, k and v come out of one fused projection {@code attn.c_attn}. */
public enum LoraTarget {
    /** On the query and value thirds of c_attn: two adapters, A [H, r] and B [r, H] each (the "q,v"). */
    QV("qv"),
    /** On the whole fused c_attn: one adapter, A [H, r] and B [r, 3H], as PEFT and peft4j's GPT-2 default do. */
    C_ATTN("c_attn");

    private final String id;

    LoraTarget(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static LoraTarget fromId(String id) {
        for (LoraTarget t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown LoRA target '" + id + "': choose qv or c_attn");
    }
}
