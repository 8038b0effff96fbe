package dev.peft4j.spi.method;

import dev.peft4j.spi.NamedFactory;
import dev.peft4j.spi.PluginContext;
import java.util.Map;

/**
 * Extension point for tuning methods, chosen by {@code method.type}; the method's own settings live at
 * {@code method.<name>}.
 */
public interface TuningMethodFactory extends NamedFactory<TuningMethod> {

    /** The {@code peft_type} this method reads and writes in {@code adapter_config.json}, e.g. {@code LORA}. */
    String peftType();

    /**
     * Rebuilds the method from a saved {@code adapter_config.json} (written by peft4j or by Python PEFT). Keys the
     * method does not know are logged as warnings through the context, not refused.
     */
    TuningMethod fromAdapterConfig(Map<String, Object> adapterConfig, PluginContext context);
}
