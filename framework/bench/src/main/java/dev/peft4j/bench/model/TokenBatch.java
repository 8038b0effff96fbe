package dev.peft4j.bench.model;

/**
 * One batch of a causal-LM step: {@code inputs[b*T + t]} is token t of sequence b and {@code labels} holds the token
 * that follows each input token. Both are row-major [batch, seqLen].
 */
public record TokenBatch(int batch, int seqLen, int[] inputs, int[] labels) {

    public TokenBatch {
        int n = batch * seqLen;
        if (inputs.length != n || labels.length != n) {
            throw new IllegalArgumentException("a [" + batch + ", " + seqLen + "] batch needs " + n
                    + " inputs and labels but got " + inputs.length + " and " + labels.length);
        }
    }
}
