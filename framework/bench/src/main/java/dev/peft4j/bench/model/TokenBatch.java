package dev.peft4j.bench.model;

/**
 * One batch, row-major [batch, seqLen] token ids and the targets of its task. A causal-LM batch holds in
 * {@code labels[b*T + t]} the token that follows input token t (for t < T-1 that is {@code inputs[b*T + t + 1]}); as in
 * Hugging Face's causal-LM loss the last position of each row is not scored. A classification batch holds one class
 * per row in {@code classes}.
 *
 * @param labels  next tokens [batch * seqLen] for causal LM, else null
 * @param classes class indices [batch] for classification, else null
 */
public record TokenBatch(int batch, int seqLen, int[] inputs, int[] labels, int[] classes) {

    public TokenBatch {
        int n = batch * seqLen;
        if (inputs.length != n) {
            throw new IllegalArgumentException("a [" + batch + ", " + seqLen + "] batch needs " + n
                    + " input ids but got " + inputs.length);
        }
        if ((labels == null) == (classes == null)) {
            throw new IllegalArgumentException("a batch carries either next-token labels or classes, exactly one");
        }
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("a [" + batch + ", " + seqLen + "] batch needs " + n
                    + " labels but got " + labels.length);
        }
        if (classes != null && classes.length != batch) {
            throw new IllegalArgumentException("a batch of " + batch + " rows needs " + batch + " classes but got "
                    + classes.length);
        }
    }

    /** A causal-LM batch. */
    public static TokenBatch nextTokens(int batch, int seqLen, int[] inputs, int[] labels) {
        return new TokenBatch(batch, seqLen, inputs, labels, null);
    }

    /** A classification batch. */
    public static TokenBatch classified(int batch, int seqLen, int[] inputs, int[] classes) {
        return new TokenBatch(batch, seqLen, inputs, null, classes);
    }

    /** Causal-LM positions scored per step: batch x (seqLen - 1). */
    public long scoredPositions() {
        return (long) batch * (seqLen - 1);
    }
}
