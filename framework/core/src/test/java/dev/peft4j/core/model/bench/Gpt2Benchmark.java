package dev.peft4j.core.model.bench;

import dev.peft4j.core.gradient.CustomGradients;
import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Feed;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.Labels;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.Precision;
import dev.peft4j.core.model.WeightStore;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.core.model.surgery.SgdStep;
import dev.peft4j.core.model.surgery.ToyLowRankMethod;
import dev.peft4j.spi.FloatTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Not a test: forward and forward+backward throughput of a GPT-2-small-shaped model (12 layers, hidden 768, 12 heads,
 * vocabulary 50257) with random weights and a LoRA-like r=8 hook on every {@code attn.c_attn}, batch 8 x 128 tokens,
 * and the process's peak resident memory.
 *
 * <p>Arguments: [steps (5)] [head: classification | causal-lm (classification)] [dropout: true | false (true)]
 * [weight load chunk in MiB (64)]
 */
public final class Gpt2Benchmark {

    private static final int BATCH = 8;
    private static final int LENGTH = 128;

    private Gpt2Benchmark() {
    }

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        boolean lm = args.length > 1 && args[1].equals("causal-lm");
        boolean dropout = args.length <= 2 || Boolean.parseBoolean(args[2]);
        long chunkMb = args.length > 3 ? Long.parseLong(args[3]) : 64;
        Gpt2Config config = (Gpt2Config) ModelConfigReader.parse("""
                {"model_type": "gpt2", "vocab_size": 50257, "n_embd": 768, "n_layer": 12, "n_head": 12,
                 "n_positions": 1024, "n_inner": null}
                """, "GPT-2 small shape");
        Head head = lm ? Head.causalLm() : Head.classification(2);
        ModelOptions options = new ModelOptions(head, Precision.FP32, dropout, 1, chunkMb << 20);
        report("start", "");
        CustomGradients.registerBuiltins(); // loads the TensorFlow runtime
        report("TensorFlow loaded", "");

        long start = System.nanoTime();
        ModelGraph model;
        try (WeightStore weights = new RandomGpt2Weights(config)) {
            model = ModelBuilder.create(config, weights, options).adapter("default", new ToyLowRankMethod(8, 1))
                    .build();
        }
        report("build + load", seconds(start) + " s, " + model.parameterCount() + " parameters, "
                + model.trainables().stream().mapToLong(v -> v.size()).sum() + " trainable");

        Batch batch = batch(config, lm);
        try (model) {
            forward(model, batch); // warm-up: first run builds the executor
            start = System.nanoTime();
            double cpu = cpuSeconds();
            for (int i = 0; i < steps; i++) {
                forward(model, batch);
            }
            report("forward", throughput(steps, seconds(start), cpuSeconds() - cpu));

            SgdStep step = new SgdStep(model, 1e-4f);
            start = System.nanoTime();
            step.run(batch);
            report("first training step", seconds(start) + " s (gradient graph and executor)");
            start = System.nanoTime();
            cpu = cpuSeconds();
            for (int i = 0; i < steps; i++) {
                step.run(batch);
            }
            report("forward + backward + update", throughput(steps, seconds(start), cpuSeconds() - cpu));
        }
        report("end", "");
    }

    private static void forward(ModelGraph model, Batch batch) {
        try (Feed feed = model.feed(batch, false)) {
            feed.applyTo(model.session().runner()).fetch(model.loss()).run().close();
        }
    }

    private static Batch batch(Gpt2Config config, boolean lm) {
        Random random = new Random(5);
        int[] ids = new int[BATCH * LENGTH];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(config.vocabSize());
        }
        int[] mask = new int[ids.length];
        Arrays.fill(mask, 1);
        int[] classes = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            classes[i] = i % 2;
        }
        return new Batch(BATCH, LENGTH, ids, mask, null, lm ? new Labels.Tokens(ids) : new Labels.Classes(classes));
    }

    /**
     * Wall-clock tokens/s, and tokens per CPU-second of the whole process: on a machine shared with other work the
     * wall clock says little, while CPU time still measures what a step costs.
     */
    private static String throughput(int steps, double wallSeconds, double cpuSeconds) {
        double tokens = (double) steps * BATCH * LENGTH;
        return String.format("%.0f tokens/s wall (%.2f s per batch of %d x %d), %.0f tokens per CPU-second "
                + "(%.2f CPU-s per batch)", tokens / wallSeconds, wallSeconds / steps, BATCH, LENGTH,
                tokens / cpuSeconds, cpuSeconds / steps);
    }

    /** User + system CPU time of this process, all threads (TensorFlow's native pools included). */
    private static double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
    }

    private static void report(String what, String detail) throws IOException {
        String rss = "?";
        String peak = "?";
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).trim();
            } else if (line.startsWith("VmHWM:")) {
                peak = line.substring(6).trim();
            }
        }
        System.out.printf("%-28s %s [RSS %s, peak RSS %s]%n", what, detail, rss, peak);
    }

    /** GPT-2 weights made on demand, one tensor at a time, as a checkpoint reader would hand them out. */
    private static final class RandomGpt2Weights implements WeightStore {

        private final Map<String, long[]> shapes = new LinkedHashMap<>();

        RandomGpt2Weights(Gpt2Config c) {
            int h = c.hiddenSize();
            int inner = c.intermediateSize();
            shapes.put("transformer.wte.weight", new long[] {c.vocabSize(), h});
            shapes.put("transformer.wpe.weight", new long[] {c.maxPositions(), h});
            for (int i = 0; i < c.numLayers(); i++) {
                String p = "transformer.h." + i + ".";
                for (String ln : List.of("ln_1", "ln_2")) {
                    shapes.put(p + ln + ".weight", new long[] {h});
                    shapes.put(p + ln + ".bias", new long[] {h});
                }
                linear(p + "attn.c_attn", h, 3 * h);
                linear(p + "attn.c_proj", h, h);
                linear(p + "mlp.c_fc", h, inner);
                linear(p + "mlp.c_proj", inner, h);
            }
            shapes.put("transformer.ln_f.weight", new long[] {h});
            shapes.put("transformer.ln_f.bias", new long[] {h});
        }

        private void linear(String module, int in, int out) {
            shapes.put(module + ".weight", new long[] {in, out});
            shapes.put(module + ".bias", new long[] {out});
        }

        @Override
        public Set<String> names() {
            return shapes.keySet();
        }

        @Override
        public List<Long> shape(String name) {
            return Arrays.stream(shapes.get(name)).boxed().toList();
        }

        @Override
        public FloatTensor read(String name) {
            FloatTensor t = FloatTensor.zeros(shapes.get(name));
            SplittableRandom random = new SplittableRandom(name.hashCode());
            float[] d = t.data();
            boolean norm = name.contains("ln_") && name.endsWith("weight");
            for (int i = 0; i < d.length; i++) {
                d[i] = norm ? 1 : (float) (random.nextGaussian() * 0.02);
            }
            return t;
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "random GPT-2 small weights";
        }
    }
}
