package dev.peft4j.core.data.split;

import dev.peft4j.core.data.DataException;
import dev.peft4j.core.data.report.Overlap;
import dev.peft4j.core.data.store.KeyIndex;
import dev.peft4j.core.data.store.RowTable;
import dev.peft4j.core.data.store.TextStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Finds rows whose text key is in two splits and applies the {@link OverlapPolicy}. */
public final class OverlapResolver {

    /** The splits after resolution and every overlap found (also those left in place). */
    public record Result(Map<SplitName, int[]> splits, List<Overlap> overlaps) {
    }

    private final OverlapPolicy policy;
    private final int maxExamples;

    public OverlapResolver(OverlapPolicy policy, int maxExamples) {
        this.policy = policy;
        this.maxExamples = maxExamples;
    }

    public Result resolve(Map<SplitName, int[]> splits, TextStore store) {
        Map<SplitName, int[]> current = new EnumMap<>(splits);
        List<Overlap> overlaps = new ArrayList<>();
        SplitName[] names = SplitName.values();
        for (int later = names.length - 1; later > 0; later--) {
            KeyIndex laterKeys = new KeyIndex(store.rows(), current.get(names[later]));
            for (int earlier = later - 1; earlier >= 0; earlier--) {
                Overlap overlap = check(names[earlier], names[later], current, laterKeys, store);
                if (overlap.rows() > 0) {
                    overlaps.add(overlap);
                }
            }
        }
        return new Result(current, overlaps);
    }

    private Overlap check(SplitName earlier, SplitName later, Map<SplitName, int[]> current, KeyIndex laterKeys,
                          TextStore store) {
        RowTable table = store.rows();
        int[] rows = current.get(earlier);
        List<Overlap.Example> examples = new ArrayList<>();
        IntStream.Builder kept = IntStream.builder();
        long found = 0;
        for (int row : rows) {
            int match = laterKeys.firstRow(table.key(row));
            if (match < 0) {
                kept.add(row);
                continue;
            }
            found++;
            if (examples.size() < maxExamples) {
                examples.add(new Overlap.Example(store.text(row).id(), store.text(match).id(), store.text(row).text()));
            }
            if (policy == OverlapPolicy.FAIL) {
                throw new DataException(examples.get(0).earlierId() + " (" + earlier.key() + ") and "
                        + examples.get(0).laterId() + " (" + later.key() + ") have the same text '"
                        + examples.get(0).text() + "': a row must not be in two splits. Set data.split.overlap ="
                        + " drop-from-train to drop such rows from the earlier split, or fix the files.");
            }
            if (policy == OverlapPolicy.REPORT_ONLY) {
                kept.add(row);
            }
        }
        if (policy == OverlapPolicy.DROP_FROM_TRAIN) {
            current.put(earlier, kept.build().toArray());
        }
        long dropped = policy == OverlapPolicy.DROP_FROM_TRAIN ? found : 0;
        return new Overlap(earlier.key(), later.key(), found, dropped, examples);
    }
}
