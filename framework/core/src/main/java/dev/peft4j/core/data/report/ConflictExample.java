package dev.peft4j.core.data.report;

import java.util.List;

/** One group of rows with the same text and different labels, and what became of it. */
public record ConflictExample(String text, String pair, List<String> ids, List<String> labels, String resolution) {

    public ConflictExample {
        ids = List.copyOf(ids);
        labels = List.copyOf(labels);
    }
}
