package dev.peft4j.core.eval;

import dev.peft4j.core.train.Batch;
import dev.peft4j.core.train.BatchSource;
import dev.peft4j.core.train.Feed;
import dev.peft4j.core.train.ForwardMode;
import dev.peft4j.core.train.TrainableModel;
import dev.peft4j.core.train.Validation;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Runs a model in inference mode over rows in order, in batches: each row's prediction, the loss, the metrics and,
 * for classification, the confusion matrix. Unlabelled rows (for {@code predict}) get predictions only.
 */
public final class Evaluator<B extends Batch> {

    private final TrainableModel<B> model;
    private final int batchSize;

    public Evaluator(TrainableModel<B> model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("evaluation batch size must be at least 1, got " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
    }

    /** The evaluation as the trainer's validation: its metrics, {@code loss} included. */
    public Validation validation(BatchSource<B> data, List<Metric> metrics) {
        return () -> evaluate(data, metrics).metrics();
    }

    /**
     * Evaluates every row of {@code data}. The metrics are reset first and hold this evaluation's state afterwards.
     */
    public EvaluationResult evaluate(BatchSource<B> data, List<Metric> metrics) {
        TaskType task = model.task();
        for (Metric m : metrics) {
            if (!m.tasks().contains(task)) {
                throw new IllegalArgumentException("metric " + m.getClass().getSimpleName() + " scores " + m.tasks()
                        + " but the model's task is " + task + "; remove it from evaluation.metrics");
            }
            m.reset();
        }
        Collector collector = new Collector(task, model.classNames(), data.size());
        double lossSum = 0;
        double lossWeight = 0;
        boolean labelled = true;
        for (int from = 0; from < data.size(); from += batchSize) {
            int[] rows = new int[Math.min(batchSize, data.size() - from)];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            B batch = data.batch(rows);
            boolean hasGold = task == TaskType.CAUSAL_LM
                    || (task == TaskType.CLASSIFICATION ? batch.goldClasses() : batch.goldValues()) != null;
            labelled &= hasGold;
            try (Feed feed = new Feed(model.session().runner())) {
                model.feed(feed, batch, ForwardMode.inference());
                feed.runner().fetch(model.output());
                if (task == TaskType.CAUSAL_LM) {
                    feed.runner().fetch(model.scoredTokens().orElseThrow(() -> new IllegalStateException(
                            "a causal LM model must provide scoredTokens() for evaluation")));
                }
                if (hasGold) {
                    feed.runner().fetch(model.loss());
                }
                try (Result r = feed.runner().run()) {
                    float[] output = values((TFloat32) r.get(0));
                    float[] tokens = task == TaskType.CAUSAL_LM ? values((TFloat32) r.get(1)) : null;
                    Predictions predictions = collector.add(batch, output, tokens);
                    if (hasGold) {
                        double loss = ((TFloat32) r.get(task == TaskType.CAUSAL_LM ? 2 : 1)).getFloat();
                        double weight = task == TaskType.CAUSAL_LM ? predictions.tokenCount() : batch.size();
                        lossSum += loss * weight;
                        lossWeight += weight;
                        for (Metric m : metrics) {
                            m.update(predictions);
                        }
                    }
                }
            }
        }
        PredictionTable table = collector.table();
        Map<String, Double> values = new LinkedHashMap<>();
        if (labelled && lossWeight > 0) {
            values.put("loss", lossSum / lossWeight);
            for (Metric m : metrics) {
                values.putAll(m.result());
            }
        }
        Optional<ConfusionMatrix> confusion = task == TaskType.CLASSIFICATION && labelled
                ? Optional.of(ConfusionMatrix.of(table.classNames(), table.goldClasses(), table.predictedClasses()))
                : Optional.empty();
        return new EvaluationResult(values, table, confusion);
    }

    private static float[] values(TFloat32 t) {
        float[] out = new float[Math.toIntExact(t.shape().size())];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    /** Gathers rows of predictions column by column. */
    private static final class Collector {
        private final TaskType task;
        private final List<String> classNames;
        private final List<String> texts;
        private final int[] gold;
        private final int[] predicted;
        private final double[][] probabilities;
        private final double[] a;
        private final double[] b;
        private int n;

        Collector(TaskType task, List<String> classNames, int rows) {
            this.task = task;
            this.classNames = classNames;
            this.texts = new ArrayList<>(rows);
            this.gold = new int[rows];
            this.predicted = new int[rows];
            this.probabilities = new double[rows][];
            this.a = new double[rows];
            this.b = new double[rows];
        }

        Predictions add(Batch batch, float[] output, float[] tokens) {
            int size = batch.size();
            if (batch.texts().size() != size) {
                throw new IllegalStateException("a batch of " + size + " rows carries " + batch.texts().size() + " texts");
            }
            texts.addAll(batch.texts());
            return switch (task) {
                case CLASSIFICATION -> classification(batch, output, size);
                case REGRESSION -> regression(batch, output, size);
                case CAUSAL_LM -> causalLm(output, tokens, size);
            };
        }

        private Predictions classification(Batch batch, float[] logits, int size) {
            int classes = classNames.size();
            if (logits.length != size * classes) {
                throw new IllegalStateException("the model's output has " + logits.length + " values for " + size
                        + " rows of " + classes + " classes " + classNames + "; expected logits [batch, classes]");
            }
            int[] batchGold = batch.goldClasses();
            int[] batchPredicted = new int[size];
            for (int i = 0; i < size; i++) {
                double[] p = softmax(logits, i * classes, classes);
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (p[c] > p[best]) {
                        best = c;
                    }
                }
                batchPredicted[i] = best;
                probabilities[n + i] = p;
                predicted[n + i] = best;
                gold[n + i] = batchGold == null ? -1 : batchGold[i];
            }
            n += size;
            return batchGold == null ? null : Predictions.classification(classes, batchPredicted, batchGold);
        }

        private Predictions regression(Batch batch, float[] output, int size) {
            if (output.length != size) {
                throw new IllegalStateException("the model's output has " + output.length + " values for " + size
                        + " rows; expected one prediction per row");
            }
            double[] batchGold = batch.goldValues();
            double[] batchPredicted = new double[size];
            for (int i = 0; i < size; i++) {
                batchPredicted[i] = output[i];
                a[n + i] = batchGold == null ? Double.NaN : batchGold[i];
                b[n + i] = output[i];
            }
            n += size;
            return batchGold == null ? null : Predictions.regression(batchPredicted, batchGold);
        }

        private Predictions causalLm(float[] nll, float[] tokens, int size) {
            if (nll.length != size || tokens.length != size) {
                throw new IllegalStateException("a causal LM must output one summed NLL and one token count per row; got "
                        + nll.length + " and " + tokens.length + " for " + size + " rows");
            }
            double sum = 0;
            long count = 0;
            for (int i = 0; i < size; i++) {
                a[n + i] = tokens[i];
                b[n + i] = nll[i];
                sum += nll[i];
                count += Math.round(tokens[i]);
            }
            n += size;
            return Predictions.causalLm(sum, count);
        }

        PredictionTable table() {
            return switch (task) {
                case CLASSIFICATION -> PredictionTable.classification(classNames, texts, gold, predicted, probabilities);
                case REGRESSION -> PredictionTable.regression(texts, a, b);
                case CAUSAL_LM -> PredictionTable.causalLm(texts, a, b);
            };
        }

        private static double[] softmax(float[] logits, int offset, int classes) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[offset + c]);
            }
            double[] p = new double[classes];
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                p[c] = Math.exp(logits[offset + c] - max);
                sum += p[c];
            }
            for (int c = 0; c < classes; c++) {
                p[c] /= sum;
            }
            return p;
        }
    }
}
