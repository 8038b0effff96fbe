package dev.peft4j.spi;

import com.typesafe.config.Config;
import org.pf4j.ExtensionPoint;

/**
 * Every peft4j extension point is a named factory: the host finds it by {@link #name()} (kebab-case,
 * unique per kind) and asks it for the working object with the settings found under that name.
 *
 * @param <T> what the factory makes
 */
public interface NamedFactory<T> extends ExtensionPoint {

    /** The name pipelines use to choose this extension, e.g. {@code lora} or {@code cosine}. */
    String name();

    /**
     * The path of this extension's own settings inside the pipeline, relative to the block that chose it:
     * for a tuning method named {@code lora} under {@code method}, the settings live at {@code method.lora}.
     * Defaults to the name.
     */
    default String settingsPath() {
        return name();
    }

    /**
     * Makes the working object.
     *
     * @param settings this extension's own settings, already merged with its {@code reference.conf}
     * @param context  what the host offers the extension
     */
    T create(Config settings, PluginContext context);
}
