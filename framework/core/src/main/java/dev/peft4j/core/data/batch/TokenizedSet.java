package dev.peft4j.core.data.batch;

import dev.peft4j.core.data.DataException;
import dev.peft4j.core.data.ExampleSet;
import dev.peft4j.core.data.report.LengthHistogram;
import dev.peft4j.core.data.store.RecordFile;
import dev.peft4j.core.tokenizer.TextTokenizer;
import dev.peft4j.spi.data.Example;
import dev.peft4j.spi.metric.TaskType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A split tokenized once: token ids live in a temporary file, and memory holds per example only where its tokens are,
 * its length (for bucketing) and its label: about 20 bytes. Closing deletes the file.
 */
public final class TokenizedSet implements AutoCloseable {

    /** One example's encoding as read back. */
    public record Encoded(String id, long[] ids, long[] typeIds) {
    }

    private final String split;
    private final TaskType task;
    private final int maxLength;
    private final RecordFile records;
    private final long[] offsets;
    private final int[] byteLengths;
    private final int[] lengths;
    private final int[] labels;

    private TokenizedSet(String split, TaskType task, int maxLength, RecordFile records, int size) {
        this.split = split;
        this.task = task;
        this.maxLength = maxLength;
        this.records = records;
        this.offsets = new long[size];
        this.byteLengths = new int[size];
        this.lengths = new int[size];
        this.labels = new int[size];
    }

    /** Encodes every example of the set with the tokenizer, truncated to {@code maxLength} tokens. */
    public static TokenizedSet tokenize(ExampleSet examples, TextTokenizer tokenizer, int maxLength, Path workDir) {
        RecordFile records = RecordFile.createTemp(workDir, "peft4j-tokens-");
        TokenizedSet set = new TokenizedSet(examples.split().key(), examples.task(), maxLength, records,
                examples.size());
        try {
            for (int i = 0; i < examples.size(); i++) {
                Example example = examples.example(i);
                TextTokenizer.Encoding encoding = tokenizer.encode(example.text(), example.textPair(), maxLength);
                check(encoding, maxLength, example.id());
                byte[] bytes = encode(example.id(), encoding);
                set.offsets[i] = records.append(bytes);
                set.byteLengths[i] = bytes.length;
                set.lengths[i] = encoding.length();
                set.labels[i] = examples.task() == TaskType.CLASSIFICATION ? examples.classIndex(i)
                        : Float.floatToRawIntBits(examples.target(i));
            }
            return set;
        } catch (RuntimeException e) {
            records.close();
            throw e;
        }
    }

    public String split() {
        return split;
    }

    public TaskType task() {
        return task;
    }

    public int maxLength() {
        return maxLength;
    }

    public int size() {
        return lengths.length;
    }

    /** Tokens of the example at a position. */
    public int length(int position) {
        return lengths[position];
    }

    public int classIndex(int position) {
        return labels[position];
    }

    public float target(int position) {
        return Float.intBitsToFloat(labels[position]);
    }

    public Encoded read(int position) {
        ByteBuffer buffer = ByteBuffer.wrap(records.read(offsets[position], byteLengths[position]));
        byte[] id = new byte[buffer.getInt()];
        buffer.get(id);
        int n = buffer.getInt();
        long[] ids = new long[n];
        long[] types = new long[n];
        for (int t = 0; t < n; t++) {
            ids[t] = buffer.getInt();
        }
        for (int t = 0; t < n; t++) {
            types[t] = buffer.get();
        }
        return new Encoded(new String(id, StandardCharsets.UTF_8), ids, types);
    }

    /** Histogram of encoding lengths in tokens. */
    public LengthHistogram lengthHistogram(int binWidth) {
        LengthHistogram.Builder builder = new LengthHistogram.Builder();
        for (int length : lengths) {
            builder.add(length);
        }
        return builder.build("tokens", binWidth);
    }

    /** Examples whose encoding is exactly {@code maxLength} tokens: truncated, or just fitting. */
    public long atMaxLength() {
        long count = 0;
        for (int length : lengths) {
            count += length == maxLength ? 1 : 0;
        }
        return count;
    }

    @Override
    public void close() {
        records.close();
    }

    private static void check(TextTokenizer.Encoding encoding, int maxLength, String id) {
        if (encoding.ids().length > maxLength || encoding.typeIds().length != encoding.ids().length) {
            throw new DataException("the tokenizer returned " + encoding.ids().length + " ids and "
                    + encoding.typeIds().length + " type ids for " + id + " with max-length " + maxLength
                    + ": a tokenizer must truncate and return one type id per token");
        }
        for (int t = 0; t < encoding.ids().length; t++) {
            if (encoding.ids()[t] < 0 || encoding.ids()[t] > Integer.MAX_VALUE
                    || encoding.typeIds()[t] < 0 || encoding.typeIds()[t] > Byte.MAX_VALUE) {
                throw new DataException("the tokenizer returned token id " + encoding.ids()[t] + " / type id "
                        + encoding.typeIds()[t] + " for " + id + ": ids must lie in [0, 2^31) and type ids in"
                        + " [0, 127]");
            }
        }
    }

    private static byte[] encode(String id, TextTokenizer.Encoding encoding) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        int n = encoding.length();
        ByteBuffer buffer = ByteBuffer.allocate(8 + idBytes.length + 5 * n);
        buffer.putInt(idBytes.length).put(idBytes).putInt(n);
        for (long token : encoding.ids()) {
            buffer.putInt((int) token);
        }
        for (long type : encoding.typeIds()) {
            buffer.put((byte) type);
        }
        return buffer.array();
    }
}
