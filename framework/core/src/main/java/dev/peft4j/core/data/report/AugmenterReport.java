package dev.peft4j.core.data.report;

import java.util.List;
import java.util.Map;

/**
 * What one augmenter did to the training split.
 *
 * @param requested new examples asked of it
 * @param returned  new examples it returned (it may return fewer when a text offers too little to change)
 * @param kept      of those, how many were added to the training split
 * @param dropped   returned examples not added, by reason
 */
public record AugmenterReport(String name, long requested, long returned, long kept, Map<String, Long> dropped,
                              List<Example> examples) {

    /** One original text and what the augmenter made of it. */
    public record Example(String id, String original, String augmented) {
    }

    public AugmenterReport {
        dropped = Map.copyOf(dropped);
        examples = List.copyOf(examples);
    }
}
