package dev.peft4j.core.data.store;

import java.nio.file.Path;

/** Row texts on disk plus the per-row index over them: everything the pipeline knows about its rows. */
public final class TextStore implements AutoCloseable {

    private final RecordFile records;
    private final RowTable rows = new RowTable();

    public TextStore(Path workDir) {
        this.records = RecordFile.createTemp(workDir, "peft4j-rows-");
    }

    public int addClassRow(StoredText text, int classIndex, long key, int words) {
        byte[] bytes = text.encode();
        return rows.addClassRow(records.append(bytes), bytes.length, classIndex, key, words);
    }

    public int addTargetRow(StoredText text, float target, long key, int words) {
        byte[] bytes = text.encode();
        return rows.addTargetRow(records.append(bytes), bytes.length, target, key, words);
    }

    /** Adds a row made from {@code source} (e.g. by augmentation) that carries the same label or target. */
    public int addDerivedRow(StoredText text, int source, long key, int words) {
        byte[] bytes = text.encode();
        return rows.addRowWithLabelOf(source, records.append(bytes), bytes.length, key, words);
    }

    public StoredText text(int row) {
        return StoredText.decode(records.read(rows.offset(row), rows.length(row)));
    }

    public RowTable rows() {
        return rows;
    }

    @Override
    public void close() {
        records.close();
    }
}
