package dev.peft4j.core.run;

import dev.peft4j.core.model.Batch;
import dev.peft4j.core.tokenizer.TextTokenizer;
import dev.peft4j.core.train.BatchSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Unlabelled rows encoded once, in memory, as a batch source for the evaluator; read shortest first
 * ({@link #order()} maps back to the input), so that each batch needs little padding.
 */
final class EncodedRows implements BatchSource<EncodedRows.Rows> {

    /** A padded batch of unlabelled rows. */
    record Rows(Batch batch, List<String> texts, long tokenCount) implements ModelInput {

        @Override
        public int size() {
            return batch.size();
        }

        @Override
        public int[] goldClasses() {
            return null;
        }

        @Override
        public double[] goldValues() {
            return null;
        }

        @Override
        public Batch toModelBatch(boolean withLabels) {
            return batch;
        }
    }

    private final List<UnlabelledInput.Row> rows;
    private final List<TextTokenizer.Encoding> encodings;
    private final int[] order;
    private final long padId;

    private EncodedRows(List<UnlabelledInput.Row> rows, List<TextTokenizer.Encoding> encodings, long padId) {
        this.rows = rows;
        this.encodings = encodings;
        this.padId = padId;
        this.order = IntStream.range(0, rows.size()).boxed()
                .sorted(Comparator.comparingInt(i -> encodings.get(i).length())).mapToInt(Integer::intValue)
                .toArray();
    }

    static EncodedRows encode(List<UnlabelledInput.Row> rows, TextTokenizer tokenizer, int maxLength) {
        List<TextTokenizer.Encoding> encodings = new ArrayList<>(rows.size());
        for (UnlabelledInput.Row row : rows) {
            encodings.add(tokenizer.encode(row.text(), row.pair(), maxLength));
        }
        return new EncodedRows(rows, encodings, tokenizer.padId());
    }

    /** The input position of each row of this source. */
    int[] order() {
        return order.clone();
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public Rows batch(int[] sourceRows) {
        int columns = 0;
        for (int r : sourceRows) {
            columns = Math.max(columns, encodings.get(order[r]).length());
        }
        int n = sourceRows.length;
        int[] ids = new int[n * columns];
        int[] mask = new int[n * columns];
        int[] types = new int[n * columns];
        Arrays.fill(ids, Math.toIntExact(padId));
        List<String> texts = new ArrayList<>(n);
        long tokens = 0;
        for (int i = 0; i < n; i++) {
            int position = order[sourceRows[i]];
            TextTokenizer.Encoding e = encodings.get(position);
            for (int t = 0; t < e.length(); t++) {
                ids[i * columns + t] = Math.toIntExact(e.ids()[t]);
                types[i * columns + t] = Math.toIntExact(e.typeIds()[t]);
                mask[i * columns + t] = 1;
            }
            tokens += e.length();
            UnlabelledInput.Row row = rows.get(position);
            texts.add(row.pair() == null ? row.text() : row.text() + "\t" + row.pair());
        }
        return new Rows(new Batch(n, columns, ids, mask, types, null), texts, tokens);
    }
}
