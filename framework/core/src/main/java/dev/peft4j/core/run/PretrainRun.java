package dev.peft4j.core.run;

import dev.peft4j.core.adapter.AdapterWriter;
import dev.peft4j.core.adapter.MergedCheckpoint;
import dev.peft4j.core.extension.Extensions;
import dev.peft4j.core.method.FullFineTuning;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.TensorFlowDevice;
import dev.peft4j.core.model.graph.Architectures;
import dev.peft4j.core.pretrain.BlockBatch;
import dev.peft4j.core.pretrain.BlockLayout;
import dev.peft4j.core.pretrain.CorpusBlocks;
import dev.peft4j.core.pretrain.HeldOutLoss;
import dev.peft4j.core.pretrain.LanguageModel;
import dev.peft4j.core.pretrain.Objective;
import dev.peft4j.core.pretrain.TokenMasker;
import dev.peft4j.core.pretrain.TokenTargets;
import dev.peft4j.core.report.PeakMemory;
import dev.peft4j.core.train.RunPlan;
import dev.peft4j.core.train.Trainer;
import dev.peft4j.core.train.TrainingResult;
import dev.peft4j.core.train.progress.EvaluationEvent;
import dev.peft4j.core.train.progress.JsonlLog;
import dev.peft4j.core.train.progress.ProgressBar;
import dev.peft4j.core.train.progress.TrainingListener;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.TuningMethod;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Continued pretraining ({@code peft4j pretrain}): a base model trained further on a user's unlabelled text with its
 * own objective (masked-LM for BERT, causal-LM for GPT-2 and LLaMA) to adapt it to a domain, then saved as a Hugging
 * Face checkpoint folder that {@code peft4j run} fine-tunes as its {@code model.path}.
 *
 * <p>The run reads the text into blocks, builds the model with its language-model head and the tuning method
 * ({@code full} by default, or a method plugin), measures the held-out loss and perplexity, trains with the host's
 * trainer (schedule, clipping, accumulation, checkpoints, resume), measures again, and writes the run folder:
 * {@code pipeline.conf}, {@code corpus-report.json}, {@code log.jsonl}, {@code metrics.json}, {@code manifest.json},
 * {@code report.html}, {@code checkpoints/}, {@code model/} (the whole model; a parameter-efficient method's adapter
 * merged into it) and, for such a method, {@code adapter/}.
 *
 * <pre>{@code
 * PretrainRunSettings settings = PretrainRunSettings.from(loader.load(file, overrides), file.getParent());
 * PretrainResult result = new PretrainRun(settings, extensions, modelsDir, System.out).execute(false);
 * }</pre>
 */
public final class PretrainRun {

    private final PretrainRunSettings settings;
    private final Extensions extensions;
    private final Path modelsDir;
    private final PrintStream console;

    /**
     * @param modelsDir where built-in base models are imported ({@code peft4j.models.dir})
     * @param console   where progress and results are printed for the user
     */
    public PretrainRun(PretrainRunSettings settings, Extensions extensions, Path modelsDir, PrintStream console) {
        this.settings = settings;
        this.extensions = extensions;
        this.modelsDir = modelsDir;
        this.console = console;
    }

    /** @param resume continue the newest run of this pipeline from its latest checkpoint */
    public PretrainResult execute(boolean resume) {
        RunClock clock = RunClock.start();
        boolean resuming = resume || settings.host().training().resume();
        RunDirectory dir = RunDirectory.forRun(settings.host(), settings.runDirTimestamp(), resuming, settings.config(),
                console);
        long seed = settings.host().pipeline().seed();
        Path work = TemporaryFolder.create("peft4j-pretrain-");
        try (BaseModel base = BaseModel.open(settings.model(), settings.baseDir(), modelsDir, seed, console)) {
            Objective objective = settings.objective(base.config());
            settings.checkBlockSize(Architectures.forConfig(base.config()).maxPositions());
            BlockLayout layout = BlockLayout.of(objective, base.tokenizer(), settings.pretrain().blockSize());
            TokenTargets targets = objective == Objective.MASKED_LM ? TokenTargets.masked(masker(base),
                    settings.pretrain().seed()) : TokenTargets.nextToken();
            try (CorpusBlocks corpus = CorpusBlocks.build(settings.pretrain(), objective, layout, base.tokenizer(),
                    base.config().vocabSize(), work)) {
                dir.writeJson(RunDirectory.CORPUS_REPORT, corpus.report());
                console.println(corpus.report().line());
                return train(dir, base, objective, targets, corpus, resuming, clock);
            }
        } finally {
            TemporaryFolder.delete(work);
        }
    }

    private PretrainResult train(RunDirectory dir, BaseModel base, Objective objective, TokenTargets targets,
                                 CorpusBlocks corpus, boolean resuming, RunClock clock) {
        long seed = settings.host().pipeline().seed();
        RunExtensions runExtensions = new RunExtensions(extensions, seed, dir.file("extensions"));
        String methodName = settings.root().getString("method.type");
        TuningMethod method = runExtensions.method(methodName, settings.root());
        ModelOptions options = ModelOptions.fromConfig(settings.root().getConfig("model"), objective.head(), seed);
        try (ModelGraph graph = ModelBuilder.create(base.config(), base.weights(), options)
                .tokenizer(base.tokenizer()).modelNameOrPath(base.nameOrPath())
                .adapter(PipelineRun.ADAPTER, method).build()) {
            ParameterReport parameters = ParameterReport.of(graph);
            console.println("Objective: " + objective.configName() + ", method: " + methodName);
            console.println(parameters.line());
            TensorFlowDevice.cpuFallbackWarning().ifPresent(console::println);
            if (objective == Objective.MASKED_LM && !graph.headModules().isEmpty()) {
                console.println("The checkpoint has no masked-LM head: " + graph.headModules() + " start new, as"
                        + " transformers' BertForMaskedLM initialises them (dense normal(0, "
                        + base.config().initializerRange() + "), LayerNorm 1 and 0, zero bias; the decoder is the"
                        + " word embeddings), and train with the method.");
            }
            LanguageModel model = new LanguageModel(graph, targets);
            HeldOutLoss heldOut = new HeldOutLoss(model, corpus.validation(),
                    settings.host().evaluation().batchSize());
            long started = System.nanoTime();
            Map<String, Double> before = heldOut.evaluate();
            double beforeSeconds = (System.nanoTime() - started) / 1e9;
            print("held-out before training", before);

            JsonlLog log = new JsonlLog(dir.file(RunDirectory.LOG));
            // The base model's score as the log's evaluation at step 0, so that the curves start from it
            TrainingListener baseline = new TrainingListener() {
                @Override
                public void onStart(RunPlan plan, long startStep) {
                    if (startStep == 0) {
                        log.onEvaluation(new EvaluationEvent(0, 0, before, false, beforeSeconds));
                    }
                }
            };
            Trainer<BlockBatch> trainer = TrainerAssembly.build(settings.host(), settings.optimizer(), resuming,
                    model, corpus.train(), heldOut, runExtensions.schedule(settings.host().training().schedule()),
                    dir.dir(), List.of(log, baseline, new ProgressBar(console, System.console() != null,
                            settings.optimizer().logEverySteps())));
            TrainingResult training;
            try {
                training = trainer.train();
            } finally {
                log.close();
            }
            Map<String, Double> after = heldOut.evaluate();
            print("held-out after training", after);

            Path adapter = method instanceof FullFineTuning ? null : saveAdapter(dir, graph);
            Path merged = saveModel(dir, graph, method, base);
            double wallSeconds = clock.wallSeconds();
            PretrainOutputs outputs = new PretrainOutputs(dir, settings, corpus.report(), parameters.counts(),
                    training, before, after);
            outputs.writeMetrics();
            outputs.writeManifest(clock, wallSeconds, PeakMemory.bytes().orElse(-1), base,
                    methodName + " from " + extensions.tuningMethods().origin(methodName) + " ("
                            + method.getClass().getName() + ")");
            outputs.writeReport(wallSeconds);
            console.println("Report: " + dir.file(RunDirectory.REPORT));
            return new PretrainResult(dir.dir(), corpus.report(), training, before, after, parameters.total(),
                    parameters.trainable(), wallSeconds, merged, adapter);
        }
    }

    /** A masked LM's masker: the tokenizer's mask token and special tokens; random tokens from the shared ids. */
    private TokenMasker masker(BaseModel base) {
        if (base.tokenizer().maskId().isEmpty()) {
            throw settings.noMaskToken(base.dir());
        }
        int vocabulary = Math.min(base.tokenizer().vocabSize(), base.config().vocabSize());
        Set<Integer> special = base.tokenizer().specialIds().stream().map(Math::toIntExact)
                .collect(Collectors.toSet());
        return new TokenMasker(settings.pretrain().masking(), Math.toIntExact(base.tokenizer().maskId().getAsLong()),
                vocabulary, special);
    }

    private Path saveAdapter(RunDirectory dir, ModelGraph graph) {
        Path target = dir.file(RunDirectory.ADAPTER);
        AdapterWriter.save(graph, PipelineRun.ADAPTER, target);
        console.println("Adapter: " + target);
        return target;
    }

    /**
     * The trained model as a checkpoint folder: full fine-tuning's weights are the model's; a mergeable adapter is
     * merged into the base weights first; an adapter that cannot be merged (prompt tuning, bottleneck adapters) leaves
     * no model folder, only its adapter.
     */
    private Path saveModel(RunDirectory dir, ModelGraph graph, TuningMethod method, BaseModel base) {
        Path target = dir.file(RunDirectory.MODEL);
        if (method instanceof FullFineTuning) {
            graph.setActiveAdapters(List.of()); // full fine-tuning has no hooks: its weights are the base weights
        } else if (method.capabilities().contains(Capability.MERGEABLE)) {
            graph.merge(PipelineRun.ADAPTER);
        } else {
            console.println("The " + settings.root().getString("method.type") + " method cannot be merged into the base weights,"
                    + " so there is no model folder to fine-tune further; its adapter holds what was learned.");
            return null;
        }
        MergedCheckpoint.write(graph, base.dir(), target);
        console.println("Model: " + target + " (a Hugging Face checkpoint folder: fine-tune it with `peft4j run`,"
                + " model.path = \"" + target + "\")");
        return target;
    }

    private void print(String what, Map<String, Double> metrics) {
        console.println(what + ": " + metrics.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")));
    }
}
