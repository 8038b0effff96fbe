package dev.peft4j.bench;

import dev.peft4j.bench.measure.FlopModel;
import dev.peft4j.bench.measure.ProcessProbe;
import dev.peft4j.bench.measure.Stats;
import dev.peft4j.bench.model.AdamSettings;
import dev.peft4j.bench.model.BertShape;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.Task;
import dev.peft4j.bench.plan.BenchPlan;
import dev.peft4j.bench.plan.Device;
import dev.peft4j.bench.plan.PlannedRun;
import dev.peft4j.bench.plan.Profile;
import dev.peft4j.bench.plan.Shapes;
import dev.peft4j.bench.plan.Variant;
import dev.peft4j.bench.plan.Variants;
import dev.peft4j.bench.report.BenchReport;
import dev.peft4j.bench.report.MachineInfo;
import dev.peft4j.bench.report.MatmulSummary;
import dev.peft4j.bench.report.Parity;
import dev.peft4j.bench.report.ResultTable;
import dev.peft4j.bench.report.Summaries;
import dev.peft4j.bench.report.WorkloadSummary;
import dev.peft4j.bench.run.ForkedJvm;
import dev.peft4j.bench.run.Json;
import dev.peft4j.bench.run.RunResult;
import dev.peft4j.core.model.TensorFlowDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark: the same workloads (GPT-2-shaped LoRA, full fine-tuning and inference, and the example job's MiniLM
 * LoRA step) on every engine variant, each run in its own JVM, engines alternating between rounds; prints a table and
 * writes a JSON report. See framework/bench/README.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Races peft4j's own training step against PyTorch (DJL) and the machine's matmul peak.")
public final class BenchMain implements Callable<Integer> {

    private static final int EXIT_RUN_FAILED = 1;
    private static final int EXIT_PARITY = 2;
    private static final String FLOP_FORMULA = "matmul FLOPs only, 2 per multiply-add; N=batch*seq, H hidden, T seq, "
            + "V vocab, r LoRA rank, L blocks. GPT-2: forward = L(24NH^2 + 4NTH) + 2NHV (+ L*8NHr with LoRA on c_attn); "
            + "full training = 3 x forward; LoRA training = forward + 2NHV + L(24NH^2 + 8NTH + 16NHr) - (6NH^2 + 2NHr); "
            + "inference = forward. MiniLM (LoRA on query, value; head = 2BH^2 + 2BHC): forward + backward = "
            + "L(24NH^2 + 4NTH + 8NHr) + head + 2 head + L(24NH^2 + 8NTH + 16NHr) - (6NH^2 + 2NTH + 4NHr). See FlopModel.";

    @Option(names = "--quick", description = "2 GPT-2 blocks, 1 warm-up + 2 timed steps, 1 round, peft4j against "
            + "tuned PyTorch unless --engines says otherwise (about 2 minutes).")
    boolean quick;

    @Option(names = "--parity", description = "Training tasks on every engine for --steps steps, no matmul probe; "
            + "prints the loss curves side by side.")
    boolean parity;

    @Option(names = "--workloads", split = ",", description = "Any of lora, full, infer, minilm-lora (default: all).")
    List<String> workloads = List.of("lora", "full", "infer", "minilm-lora");

    @Option(names = "--engines", split = ",", description = "Any of peft4j, tf-graph, torch-stock, torch-tuned; the "
            + "first is the parity reference (default: peft4j, torch-stock, torch-tuned; --quick: peft4j, torch-tuned; "
            + "a gpu build: peft4j).")
    List<String> engines;

    @Option(names = "--out", description = "JSON report (default: bench.json).")
    Path out = Path.of("bench.json");

    @Option(names = "--layers", description = "GPT-2 blocks (profile: 2 quick, 12 full).")
    Integer layers;

    @Option(names = "--batch", description = "GPT-2 sequences per step (default: 8; x4 on a gpu build).")
    Integer batch;

    @Option(names = "--seq", description = "GPT-2 tokens per sequence (default: 128).")
    int seqLen = 128;

    @Option(names = "--minilm-batch", description = "MiniLM sequences per step (default: 32 as the example job; x4 "
            + "on a gpu build).")
    Integer miniLmBatch;

    @Option(names = "--minilm-seq", description = "MiniLM tokens per sequence (default: 64, the job's max-length).")
    int miniLmSeqLen = 64;

    @Option(names = "--warmup", description = "Steps before timing, the first included (default: 1).")
    Integer warmup;

    @Option(names = "--steps", description = "Timed steps per run (profile: 2; parity: 8).")
    Integer steps;

    @Option(names = "--reps", description = "Rounds over all engines (profile: 1 quick, 2 full).")
    Integer reps;

    @Option(names = "--no-matmul", description = "Skip the large-matmul probe.")
    boolean noMatmul;

    @Option(names = "--matmul-size", description = "n of the n x n matmul probe (default: 4096).")
    int matmulSize = 4096;

    @Option(names = "--threads", description = "Intra-op threads of every engine (default: 2).")
    int threads = 2;

    @Option(names = "--inter-op-threads", description = "Inter-op threads of every engine (default: 1).")
    int interOpThreads = 1;

    @Option(names = "--lr", description = "Adam learning rate (default: 1e-4).")
    float learningRate = 1e-4f;

    @Option(names = "--seed", description = "Seed of the weights and batches (default: 42).")
    long seed = 42;

    @Option(names = "--batch-pool", description = "Distinct batches cycled through (default: 2).")
    int batchPool = 2;

    @Option(names = "--tcmalloc", description = "tcmalloc for torch-tuned (default: Debian's libtcmalloc-minimal4).")
    Path tcmalloc = Variants.DEFAULT_TCMALLOC;

    @Option(names = "--work-dir", description = "Where runs keep specs, results and logs (default: target/bench-runs).")
    Path workDir = Path.of("target", "bench-runs");

    @Option(names = "--run-timeout", description = "Seconds one run may take (default: 900).")
    int runTimeoutSeconds = 900;

    @Option(names = "--child-jvm-option", description = "Option for every forked JVM (default: -Xmx2g).")
    List<String> childJvmOptions = List.of("-Xmx2g");

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Instant started = Instant.now();
        double loadStart = ProcessProbe.loadAverage();
        Profile profile = profile();
        Device device;
        try {
            device = Device.ofBuildRunningOn(TensorFlowDevice.ofMatMul());
        } catch (IllegalStateException e) {
            System.err.println("peft4j bench: " + e.getMessage());
            return 1;
        }
        Shapes shapes = new Shapes(
                GptShape.gpt2Small(profile.layers(), batch != null ? batch : 8 * device.batchFactor(), seqLen),
                BertShape.miniLm(miniLmBatch != null ? miniLmBatch : 32 * device.batchFactor(), miniLmSeqLen));
        List<String> engineNames = engines != null ? engines : defaultEngines(device);
        List<Variant> variants = Variants.select(engineNames, tcmalloc);
        List<Task> tasks = workloads.stream().map(Task::fromId).toList();
        AdamSettings adam = new AdamSettings(learningRate, 0.9f, 0.999f, 1e-8f);
        var settings = new BenchPlan.RunSettings(batchPool, seed, threads, interOpThreads, matmulSize);
        boolean matmul = !noMatmul && !parity;
        List<PlannedRun> plan = BenchPlan.build(variants, tasks, profile, shapes, adam, settings, matmul);

        MachineInfo machine = MachineInfo.current();
        System.out.printf(Locale.ROOT, "peft4j bench: %s, %d cores, TensorFlow on %s, load average %.2f%n",
                machine.cpu(), machine.logicalCores(), device, loadStart);
        GptShape gpt = shapes.gpt();
        BertShape miniLm = shapes.miniLm();
        System.out.printf(Locale.ROOT, "models (fp32, random weights): GPT-2 small shape, %d blocks, batch %d x seq %d, "
                + "vocab %d, LoRA r=%d on c_attn; MiniLM shape (all-MiniLM-L6-v2), batch %d x seq %d, LoRA r=%d on "
                + "query, value%n%s; %d runs, each in its own JVM (logs in %s)%n", gpt.layers(), gpt.batch(),
                gpt.seqLen(), gpt.vocab(), gpt.loraRank(), miniLm.batch(), miniLm.seqLen(), miniLm.loraRank(), profile,
                plan.size(), workDir.toAbsolutePath());

        ForkedJvm jvm = new ForkedJvm(workDir, childJvmOptions, Duration.ofSeconds(runTimeoutSeconds));
        List<RunResult> results = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            PlannedRun run = plan.get(i);
            System.out.printf(Locale.ROOT, "[%d/%d] %-24s ", i + 1, plan.size(), run.label());
            System.out.flush();
            try {
                RunResult result = jvm.run(run);
                results.add(result);
                System.out.println(progress(result));
            } catch (ForkedJvm.RunFailedException e) {
                failures.add(e.getMessage());
                System.out.println("FAILED");
                System.err.println(e.getMessage());
            }
        }

        List<String> variantNames = variants.stream().map(Variant::name).toList();
        List<MatmulSummary> matmulSummaries = Summaries.matmul(results, variantNames);
        List<WorkloadSummary> summaries = Summaries.workloads(results, tasks, variantNames,
                Summaries.peakGflops(matmulSummaries));
        ResultTable.print(System.out, matmulSummaries, summaries);
        if (parity) {
            ResultTable.printCurves(System.out, summaries);
        }

        double loadEnd = ProcessProbe.loadAverage();
        double wall = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        Map<String, String> described = new LinkedHashMap<>();
        variants.forEach(v -> described.put(v.name(), v.description()));
        BenchReport report = new BenchReport(started.toString(), wall, machine, loadStart, loadEnd,
                settingsForReport(profile, device, shapes, adam), described, FLOP_FORMULA, Parity.TOLERANCE, matmulSummaries,
                summaries, failures);
        Json.writeAtomically(Json.mapper(), out, report);
        System.out.printf(Locale.ROOT, "%nwall %.0f s, load average %.2f -> %.2f; report: %s%n", wall, loadStart,
                loadEnd, out.toAbsolutePath());
        return exitCode(failures, summaries);
    }

    /** The PyTorch engines run on the CPU only, so a gpu build races peft4j alone unless asked. */
    private List<String> defaultEngines(Device device) {
        if (device == Device.GPU) {
            return List.of("peft4j");
        }
        return quick ? List.of("peft4j", "torch-tuned") : List.of("peft4j", "torch-stock", "torch-tuned");
    }

    private Profile profile() {
        Profile base = quick ? Profile.QUICK : Profile.FULL;
        int defaultSteps = parity ? 8 : base.measuredSteps();
        return new Profile(layers != null ? layers : base.layers(), warmup != null ? warmup : base.warmupSteps(),
                steps != null ? steps : defaultSteps, reps != null ? reps : parity ? 1 : base.repetitions(),
                base.matmulIterations());
    }

    private Map<String, Object> settingsForReport(Profile profile, Device device, Shapes shapes, AdamSettings adam) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mode", parity ? "parity" : quick ? "quick" : "full");
        s.put("device", device);
        s.put("profile", profile);
        s.put("gpt2", shapes.gpt());
        s.put("miniLm", shapes.miniLm());
        s.put("adam", adam);
        s.put("intraOpThreads", threads);
        s.put("interOpThreads", interOpThreads);
        s.put("seed", seed);
        s.put("batchPool", batchPool);
        s.put("childJvmOptions", childJvmOptions);
        return s;
    }

    private static String progress(RunResult r) {
        if (r.spec().measuresMatmul()) {
            double best = Arrays.stream(r.matmulSeconds()).min().orElse(Double.NaN);
            return String.format(Locale.ROOT, "best %.1f GFLOP/s (load %.1f)",
                    FlopModel.matmul(r.spec().matmulSize()) / best / 1e9, r.loadAverageEnd());
        }
        double median = Stats.of(r.stepSeconds()).median();
        return String.format(Locale.ROOT, "%.0f tokens/s, first step after %.1f s, loss %.5f -> %.5f (load %.1f)",
                r.spec().shape().tokensPerStep() / median, r.timeToFirstStepSeconds(), r.losses()[0],
                r.losses()[r.losses().length - 1], r.loadAverageEnd());
    }

    private static int exitCode(List<String> failures, List<WorkloadSummary> summaries) {
        if (!failures.isEmpty()) {
            System.err.println(failures.size() + " run(s) failed; see the messages above.");
            return EXIT_RUN_FAILED;
        }
        boolean unfair = summaries.stream().anyMatch(w -> w.maxRelativeLossDifference() != null
                && !Parity.agrees(w.maxRelativeLossDifference()));
        if (unfair) {
            System.err.printf(Locale.ROOT, "Loss curves differ by more than %.0e relative: the engines do not compute "
                    + "the same step, so their speeds are not comparable. Run with --parity to see the curves.%n",
                    Parity.TOLERANCE);
            return EXIT_PARITY;
        }
        return 0;
    }
}
