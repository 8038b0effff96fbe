package dev.peft4j.bench.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The shape of a benchmark model and of one batch: a GPT-2-shaped decoder for the causal-LM tasks, a BERT-shaped
 * encoder with a classification head for the example model's task.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "family")
@JsonSubTypes({@JsonSubTypes.Type(value = GptShape.class, name = "gpt2"),
        @JsonSubTypes.Type(value = BertShape.class, name = "bert")})
public sealed interface ModelShape permits GptShape, BertShape {

    /** Sequences per step. */
    int batch();

    /** Tokens per sequence. */
    int seqLen();

    /** LoRA rank r of every adapter. */
    int loraRank();

    /** LoRA alpha; the update is scaled by alpha / r. */
    float loraAlpha();

    /** Tokens per step: batch x sequence length. */
    default long tokensPerStep() {
        return (long) batch() * seqLen();
    }

    default float loraScale() {
        return loraAlpha() / loraRank();
    }

    /** Checks shared by every shape. */
    static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }

    static void heads(int hidden, int heads) {
        if (hidden % heads != 0) {
            throw new IllegalArgumentException(
                    "hidden (" + hidden + ") must be a multiple of heads (" + heads + "): choose e.g. 768 and 12");
        }
    }
}
