package dev.peft4j.core.adapter;

import com.typesafe.config.Config;
import dev.peft4j.core.model.surgery.ToyLowRankMethod;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import java.util.Map;

/** Reads and makes the test-only {@link ToyLowRankMethod} (peft_type TOY, key r). */
final class ToyMethodFactory implements TuningMethodFactory {

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public String peftType() {
        return "TOY";
    }

    @Override
    public TuningMethod create(Config settings, PluginContext context) {
        return new ToyLowRankMethod(settings.getInt("r"), context.random().nextLong());
    }

    @Override
    public TuningMethod fromAdapterConfig(Map<String, Object> adapterConfig, PluginContext context) {
        Object r = adapterConfig.get("r");
        if (!(r instanceof Integer rank)) {
            throw new IllegalArgumentException("adapter_config.json: r must be an integer, got " + r);
        }
        return new ToyLowRankMethod(rank, context.random().nextLong());
    }
}
