package dev.peft4j.core.config;

import com.typesafe.config.ConfigUtil;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A key that chooses extensions by name, with the names the loaded plugins and built-ins offer. The chosen
 * extensions' settings live in blocks under {@code blocks}: {@code method.type = lora} chooses the block
 * {@code method.lora}. The validator checks the chosen names are available, and that every block under
 * {@code blocks} belongs to an available extension.
 *
 * @param selector  the choosing key, a string or a list of strings, e.g. {@code method.type}
 * @param blocks    the object holding one settings block per extension, e.g. {@code method}
 * @param kind      what an extension of this kind is called in messages, e.g. {@code tuning method}
 * @param available the names of the extensions of this kind that are loaded
 */
public record ExtensionChoice(String selector, String blocks, String kind, SortedSet<String> available) {

    public ExtensionChoice {
        ConfigUtil.splitPath(selector);
        ConfigUtil.splitPath(blocks);
        available = Collections.unmodifiableSortedSet(new TreeSet<>(available));
    }

    /** {@code method.type} chooses one of the tuning methods; their settings live at {@code method.<name>}. */
    public static ExtensionChoice tuningMethods(Collection<String> names) {
        return new ExtensionChoice("method.type", "method", "tuning method", new TreeSet<>(names));
    }

    /** {@code training.schedule.type} chooses the schedule; its settings live at {@code training.schedule.<name>}. */
    public static ExtensionChoice schedules(Collection<String> names) {
        return new ExtensionChoice("training.schedule.type", "training.schedule", "learning-rate schedule",
                new TreeSet<>(names));
    }

    /** {@code evaluation.metrics} lists the metrics; their settings live at {@code evaluation.metric.<name>}. */
    public static ExtensionChoice metrics(Collection<String> names) {
        return new ExtensionChoice("evaluation.metrics", "evaluation.metric", "metric", new TreeSet<>(names));
    }

    /** The names for messages: {@code adapter, lora, prompt-tuning}, or a hint when none is loaded. */
    String availableText() {
        return available.isEmpty() ? "none is loaded; check the plugins folder" : String.join(", ", available);
    }
}
