package dev.peft4j.core.method;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import java.util.Map;
import org.pf4j.Extension;

/** {@code method.type = full}: every base weight trains (see {@link FullFineTuning}); it has no settings. */
@Extension
public final class FullFineTuningFactory implements TuningMethodFactory {

    @Override
    public String name() {
        return "full";
    }

    @Override
    public String peftType() {
        return FullFineTuning.PEFT_TYPE;
    }

    @Override
    public TuningMethod create(Config settings, PluginContext context) {
        return new FullFineTuning();
    }

    @Override
    public TuningMethod fromAdapterConfig(Map<String, Object> adapterConfig, PluginContext context) {
        return new FullFineTuning();
    }
}
