package dev.peft4j.core.importer;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.peft4j.core.tokenizer.TextTokenizer;
import java.util.List;
import java.util.Map;

/**
 * The independent reference for BERT: ONNX Runtime running the original all-MiniLM-L6-v2 ONNX file that the importer
 * reads, on the ids, attention mask and token type ids it is given. The session is made once per JVM.
 */
public final class OnnxReference {

    private static OrtSession session;

    private OnnxReference() {
    }

    /** The model's {@code last_hidden_state}, [batch][seq][384], for a right- or left-padded batch. */
    public static float[][][] lastHiddenState(long[][] ids, long[][] mask, long[][] typeIds) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OnnxTensor idTensor = ai.onnxruntime.OnnxTensor.createTensor(env, ids);
                ai.onnxruntime.OnnxTensor maskTensor = ai.onnxruntime.OnnxTensor.createTensor(env, mask);
                ai.onnxruntime.OnnxTensor typeTensor = ai.onnxruntime.OnnxTensor.createTensor(env, typeIds);
                OrtSession.Result result = session().run(Map.of("input_ids", idTensor, "attention_mask", maskTensor,
                        "token_type_ids", typeTensor))) {
            return (float[][][]) result.get("last_hidden_state").orElseThrow().getValue();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /** A right-padded batch: ids, attention mask (1 = token, 0 = pad) and token type ids. */
    public record Batch(long[][] ids, long[][] mask, long[][] typeIds) {

        public static Batch of(TextTokenizer tokenizer, List<String> texts, int maxLength) {
            List<TextTokenizer.Encoding> encodings = texts.stream().map(t -> tokenizer.encode(t, null, maxLength))
                    .toList();
            int width = encodings.stream().mapToInt(TextTokenizer.Encoding::length).max().orElse(0);
            long[][] ids = new long[texts.size()][width];
            long[][] mask = new long[texts.size()][width];
            long[][] types = new long[texts.size()][width];
            for (int row = 0; row < texts.size(); row++) {
                TextTokenizer.Encoding e = encodings.get(row);
                java.util.Arrays.fill(ids[row], tokenizer.padId());
                System.arraycopy(e.ids(), 0, ids[row], 0, e.length());
                System.arraycopy(e.typeIds(), 0, types[row], 0, e.length());
                java.util.Arrays.fill(mask[row], 0, e.length(), 1L);
            }
            return new Batch(ids, mask, types);
        }

        public float[][][] lastHiddenState() {
            return OnnxReference.lastHiddenState(ids, mask, typeIds);
        }
    }

    private static synchronized OrtSession session() throws OrtException {
        if (session == null) {
            byte[] model = MiniLmFixture.onnxBytes();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(2);
                session = OrtEnvironment.getEnvironment().createSession(model, options);
            }
        }
        return session;
    }
}
