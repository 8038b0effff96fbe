package dev.peft4j.core.pretrain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the corpus held and became ({@code corpus-report.json}).
 *
 * @param files               the files read, folders expanded
 * @param documents           documents read (blank lines are none)
 * @param emptyDocuments      documents the tokenizer turned into no tokens (left out)
 * @param trainDocuments      documents trained on
 * @param validationDocuments documents held out
 * @param trainTokens         tokens of the training blocks, special tokens included, padding excluded
 * @param validationTokens    tokens of the held-out blocks, likewise
 * @param layout              block size and the special token ids around blocks and documents
 */
public record CorpusReport(List<String> files, String objective, long documents, long emptyDocuments,
                           long trainDocuments, long validationDocuments, long trainTokens, long validationTokens,
                           int trainBlocks, int validationBlocks, Map<String, Object> layout) {

    public CorpusReport {
        files = List.copyOf(files);
        layout = Collections.unmodifiableMap(new LinkedHashMap<>(layout));
    }

    /** e.g. {@code Corpus: 6,920 documents in 1 file(s), 346 held out: 1,265 training blocks (161,811 tokens) ...}. */
    public String line() {
        return String.format(Locale.ROOT, "Corpus: %,d documents in %,d file(s), %,d held out: %,d training"
                        + " blocks (%,d tokens) and %,d held-out blocks (%,d tokens) of %s tokens", documents,
                files.size(), validationDocuments, trainBlocks, trainTokens, validationBlocks, validationTokens,
                layout.get("blockSize"));
    }
}
