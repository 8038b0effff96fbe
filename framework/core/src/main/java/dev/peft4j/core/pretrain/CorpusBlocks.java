package dev.peft4j.core.pretrain;

import dev.peft4j.core.data.DataException;
import dev.peft4j.core.data.Seeds;
import dev.peft4j.core.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/**
 * The corpus as training and held-out blocks, in temporary files. Two passes over the text: the first counts the
 * documents, the second holds out a seeded sample of exactly {@code round(documents · validation-fraction)} of them
 * (at least one; selection sampling, so nothing is kept in memory) and tokenizes each document into the blocks of
 * its side. Whole documents are held out, as transformers' scripts split the raw text before grouping it, so no text
 * is on both sides. Closing deletes the files.
 */
public final class CorpusBlocks implements AutoCloseable {

    private final BlockStore train;
    private final BlockStore validation;
    private final CorpusReport report;
    private final int padId;

    private CorpusBlocks(BlockStore train, BlockStore validation, CorpusReport report, int padId) {
        this.train = train;
        this.validation = validation;
        this.report = report;
        this.padId = padId;
    }

    /**
     * @param vocabSize the model's vocabulary size
     * @throws DataException when the text is unreadable, empty, or too small to hold out a document and train on
     *                       another
     */
    public static CorpusBlocks build(PretrainSettings settings, Objective objective, BlockLayout layout,
                                     HfTokenizer tokenizer, int vocabSize, Path workDir) {
        Corpus corpus = Corpus.open(settings.text());
        long[] count = new long[1];
        corpus.forEach(d -> count[0]++);
        long documents = count[0];
        if (documents < 2) {
            throw new DataException("pretrain.text.files " + settings.text().files() + " hold " + documents
                    + " document(s); continued pretraining needs at least two, one to train on and one held out"
                    + (settings.text().documents() == DocumentUnit.PARAGRAPH ? " (paragraphs are separated by blank"
                    + " lines)" : " (one per non-blank line)"));
        }
        long heldOut = Math.min(documents - 1, Math.max(1, Math.round(documents * settings.validationFraction())));

        BlockStore trainStore = BlockStore.create(workDir, layout.blockSize(), "train");
        BlockStore validationStore = BlockStore.create(workDir, layout.blockSize(), "validation");
        try {
            BlockPacker trainPacker = new BlockPacker(layout, trainStore, vocabSize);
            BlockPacker validationPacker = new BlockPacker(layout, validationStore, vocabSize);
            RandomGenerator random = Seeds.generator(settings.seed(), "pretrain-held-out");
            long[] seen = new long[3]; // documents, held out so far, empty
            corpus.forEach(document -> {
                boolean held = random.nextDouble() * (documents - seen[0]) < heldOut - seen[1];
                seen[0]++;
                if (held) {
                    seen[1]++;
                }
                int[] tokens = BlockLayout.ints(tokenizer.encodePlain(document.text()));
                if (tokens.length == 0) {
                    seen[2]++;
                    return;
                }
                (held ? validationPacker : trainPacker).add(tokens, document.source());
            });
            if (seen[0] != documents) {
                throw new DataException("the corpus changed while it was read: " + documents + " documents at first,"
                        + " then " + seen[0] + "; do not edit " + settings.text().files() + " during a run");
            }
            trainPacker.finish();
            validationPacker.finish();
            requireBlocks(trainStore, "training", settings);
            requireBlocks(validationStore, "held-out", settings);
            CorpusReport report = new CorpusReport(corpus.files().stream().map(Path::toString).toList(),
                    objective.configName(), documents, seen[2], documents - heldOut, heldOut, trainStore.tokens(),
                    validationStore.tokens(), trainStore.size(), validationStore.size(), layout.describe());
            return new CorpusBlocks(trainStore, validationStore, report, layout.padId());
        } catch (RuntimeException e) {
            trainStore.close();
            validationStore.close();
            throw e;
        }
    }

    private static void requireBlocks(BlockStore store, String side, PretrainSettings settings) {
        if (store.size() == 0) {
            throw new DataException("the " + side + " documents of " + settings.text().files() + " hold no tokens"
                    + " (the tokenizer turned all of them into nothing); check pretrain.text.format and the files");
        }
    }

    /** The training blocks as the trainer's batch source. */
    public BlockSource train() {
        return new BlockSource(train, padId);
    }

    /** The held-out blocks, in order. */
    public BlockSource validation() {
        return new BlockSource(validation, padId);
    }

    public CorpusReport report() {
        return report;
    }

    @Override
    public void close() {
        try {
            train.close();
        } finally {
            validation.close();
        }
    }
}
