package dev.peft4j.core.data.store;

import dev.peft4j.core.data.dedup.DedupMode;
import dev.peft4j.core.data.dedup.TextKeys;
import java.nio.file.Path;

/** Builds small text stores for tests. */
public final class TestStores {

    private TestStores() {
    }

    /** A store with one row per "text=classIndex" entry, keyed with the given mode; ids are {@code t:<n>}. */
    public static TextStore classRows(Path dir, DedupMode mode, String... entries) {
        TextStore store = new TextStore(dir);
        TextKeys keys = new TextKeys(mode);
        for (int i = 0; i < entries.length; i++) {
            int cut = entries[i].lastIndexOf('=');
            String text = entries[i].substring(0, cut);
            int label = Integer.parseInt(entries[i].substring(cut + 1));
            store.addClassRow(new StoredText("t:" + (i + 1), text, null), label, keys.key(text, null),
                    text.split(" ").length);
        }
        return store;
    }

    public static int[] all(TextStore store) {
        return java.util.stream.IntStream.range(0, store.rows().size()).toArray();
    }
}
