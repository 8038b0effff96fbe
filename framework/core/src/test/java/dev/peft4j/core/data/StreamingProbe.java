package dev.peft4j.core.data;

import dev.peft4j.core.data.batch.Batch;
import dev.peft4j.core.data.batch.BatchSettings;
import dev.peft4j.core.data.batch.Batcher;
import dev.peft4j.core.data.batch.TokenizedSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a JVM with a small heap by {@link StreamingMemoryTest}. {@code prepare FILE WORK}: the whole pipeline plus
 * tokenization and one epoch of batches; prints the counts. {@code hold FILE}: keeps every line of the file in a list,
 * the naive way, which must not fit in the same heap (the control that shows the cap binds).
 */
public final class StreamingProbe {

    private StreamingProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        if (args[0].equals("hold")) {
            List<String> lines = Files.readAllLines(file);
            System.out.println("held=" + lines.size());
            return;
        }
        Path work = Path.of(args[2]);
        DataSettings settings = TestSettings.settings("train = " + TestSettings.quoted(file));
        WhitespaceTokenizer tokenizer = new WhitespaceTokenizer(30_000);
        try (PreparedData data = DataPipeline.prepare(settings, List.of(), work);
             TokenizedSet train = TokenizedSet.tokenize(data.train(), tokenizer, 64, work)) {
            Batcher batcher = new Batcher(new BatchSettings(64, 50), 1, tokenizer);
            long rows = 0;
            for (Batch batch : batcher.batches(train, batcher.trainingPlan(train, 64, 0))) {
                rows += batch.size();
            }
            Runtime runtime = Runtime.getRuntime();
            System.out.println("train=" + data.train().size() + " validation=" + data.validation().size()
                    + " test=" + data.test().size() + " batched=" + rows + " maxHeapMiB="
                    + runtime.maxMemory() / (1 << 20));
        }
    }
}
