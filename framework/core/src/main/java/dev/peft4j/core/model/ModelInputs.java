package dev.peft4j.core.model;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * The placeholders of a model graph. Batch size and sequence length are dynamic.
 *
 * @param inputIds      int32 [B, T]
 * @param attentionMask int32 [B, T], 1 = real token
 * @param tokenTypeIds  int32 [B, T], fed for every architecture (BERT reads it; zeros are fine)
 * @param labels        int32 [B, T] (causal and masked LM), int32 [B] (classification) or float32 [B] (regression)
 * @param training      bool scalar, false unless fed: gates dropout
 */
public record ModelInputs(
        Placeholder<TInt32> inputIds,
        Placeholder<TInt32> attentionMask,
        Placeholder<TInt32> tokenTypeIds,
        Placeholder<? extends TNumber> labels,
        Operand<TBool> training) {

    static ModelInputs create(Ops tf, Head head) {
        Shape matrix = Shape.of(-1, -1);
        Placeholder<? extends TNumber> labels = switch (head.type()) {
            case CAUSAL_LM, MASKED_LM -> tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(matrix));
            case SEQUENCE_CLASSIFICATION -> tf.withName("labels").placeholder(TInt32.class,
                    Placeholder.shape(Shape.of(-1)));
            case REGRESSION -> tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        };
        return new ModelInputs(
                tf.withName("input_ids").placeholder(TInt32.class, Placeholder.shape(matrix)),
                tf.withName("attention_mask").placeholder(TInt32.class, Placeholder.shape(matrix)),
                tf.withName("token_type_ids").placeholder(TInt32.class, Placeholder.shape(matrix)),
                labels,
                tf.withName("training").placeholderWithDefault(tf.constant(false), Shape.scalar()));
    }
}
