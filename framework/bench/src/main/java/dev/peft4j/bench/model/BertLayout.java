package dev.peft4j.bench.model;

import static dev.peft4j.bench.model.GptLayout.bias;
import static dev.peft4j.bench.model.GptLayout.loraA;
import static dev.peft4j.bench.model.GptLayout.loraB;
import static dev.peft4j.bench.model.GptLayout.weight;

import java.util.ArrayList;
import java.util.List;

/**
 * The weights of the BERT-shaped classifier, named as Hugging Face's {@code BertForSequenceClassification} names them
 * (what peft4j's {@code BertArchitecture} reads): Linear weights stored [out, in] ({@code y = x W^T + b}). The base is
 * what all-MiniLM-L6-v2's checkpoint holds (it has no pooler); the head is what a run adds and trains: a new pooler and
 * the classifier. LoRA factors as Hugging Face PEFT lays them out, on query and value.
 */
public final class BertLayout {

    public static final String PREFIX = "bert.";
    public static final String WORD_EMBEDDING = PREFIX + "embeddings.word_embeddings.weight";
    public static final String POSITION_EMBEDDING = PREFIX + "embeddings.position_embeddings.weight";
    public static final String TYPE_EMBEDDING = PREFIX + "embeddings.token_type_embeddings.weight";
    public static final String EMBEDDING_NORM = PREFIX + "embeddings.LayerNorm";
    public static final String POOLER = PREFIX + "pooler.dense";
    public static final String CLASSIFIER = "classifier";

    public static final String QUERY = "attention.self.query";
    public static final String KEY = "attention.self.key";
    public static final String VALUE = "attention.self.value";
    public static final String ATTENTION_OUT = "attention.output.dense";
    public static final String ATTENTION_NORM = "attention.output.LayerNorm";
    public static final String MLP_IN = "intermediate.dense";
    public static final String MLP_OUT = "output.dense";
    public static final String OUTPUT_NORM = "output.LayerNorm";

    private BertLayout() {
    }

    /** {@code bert.encoder.layer.<layer>.<part>} */
    public static String block(int layer, String part) {
        return PREFIX + "encoder.layer." + layer + "." + part;
    }

    /** The pretrained checkpoint's weights, frozen under LoRA. */
    public static List<TensorSpec> base(BertShape s) {
        int h = s.hidden();
        List<TensorSpec> specs = new ArrayList<>();
        specs.add(new TensorSpec(WORD_EMBEDDING, new long[] {s.vocab(), h}, TensorSpec.Init.WEIGHT));
        specs.add(new TensorSpec(POSITION_EMBEDDING, new long[] {s.positions(), h}, TensorSpec.Init.WEIGHT));
        specs.add(new TensorSpec(TYPE_EMBEDDING, new long[] {s.typeVocab(), h}, TensorSpec.Init.WEIGHT));
        GptLayout.addNorm(specs, EMBEDDING_NORM, h);
        for (int l = 0; l < s.layers(); l++) {
            addLinear(specs, block(l, QUERY), h, h);
            addLinear(specs, block(l, KEY), h, h);
            addLinear(specs, block(l, VALUE), h, h);
            addLinear(specs, block(l, ATTENTION_OUT), h, h);
            GptLayout.addNorm(specs, block(l, ATTENTION_NORM), h);
            addLinear(specs, block(l, MLP_IN), h, s.intermediate());
            addLinear(specs, block(l, MLP_OUT), s.intermediate(), h);
            GptLayout.addNorm(specs, block(l, OUTPUT_NORM), h);
        }
        return List.copyOf(specs);
    }

    /** The new weights a classification run adds and trains: pooler (dense + tanh on [CLS]) and classifier. */
    public static List<TensorSpec> head(BertShape s) {
        List<TensorSpec> specs = new ArrayList<>();
        addLinear(specs, POOLER, s.hidden(), s.hidden());
        addLinear(specs, CLASSIFIER, s.hidden(), s.classes());
        return List.copyOf(specs);
    }

    /** Adapters on query and value of every block: A [r, H], B [H, r]. */
    public static List<TensorSpec> lora(BertShape s) {
        List<TensorSpec> specs = new ArrayList<>();
        for (int l = 0; l < s.layers(); l++) {
            for (String part : List.of(QUERY, VALUE)) {
                String module = block(l, part);
                specs.add(new TensorSpec(loraA(module), new long[] {s.loraRank(), s.hidden()}, TensorSpec.Init.LORA_A));
                specs.add(new TensorSpec(loraB(module), new long[] {s.hidden(), s.loraRank()}, TensorSpec.Init.ZERO));
            }
        }
        return List.copyOf(specs);
    }

    /** Every weight of the LoRA classifier: base, head and adapters. */
    public static List<TensorSpec> all(BertShape s) {
        List<TensorSpec> all = new ArrayList<>(base(s));
        all.addAll(head(s));
        all.addAll(lora(s));
        return List.copyOf(all);
    }

    /** What trains: the adapters and the new head. */
    public static List<TensorSpec> trainable(BertShape s) {
        List<TensorSpec> trained = new ArrayList<>(head(s));
        trained.addAll(lora(s));
        return List.copyOf(trained);
    }

    /** A Linear layer as Hugging Face stores it: weight [out, in], bias [out]. */
    private static void addLinear(List<TensorSpec> specs, String prefix, long in, long out) {
        specs.add(new TensorSpec(weight(prefix), new long[] {out, in}, TensorSpec.Init.WEIGHT));
        specs.add(new TensorSpec(bias(prefix), new long[] {out}, TensorSpec.Init.WEIGHT));
    }
}
