package dev.peft4j.plugins.adapter;

import com.typesafe.config.Config;
import dev.peft4j.plugins.adapter.settings.AdapterSettings;
import dev.peft4j.plugins.adapter.settings.SavedAdapterConfig;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The {@code adapter} tuning method: {@code method.type = adapter}, settings under {@code method.adapter}. Saved
 * adapters carry the peft4j-only {@code peft_type} {@value SavedAdapterConfig#PEFT_TYPE}.
 */
@Extension
public final class AdapterMethodFactory implements TuningMethodFactory {

    @Override
    public String name() {
        return "adapter";
    }

    @Override
    public String peftType() {
        return SavedAdapterConfig.PEFT_TYPE;
    }

    @Override
    public TuningMethod create(Config settings, PluginContext context) {
        return new AdapterMethod(AdapterSettings.fromConfig(settings), context.random().nextLong(), null);
    }

    @Override
    public TuningMethod fromAdapterConfig(Map<String, Object> adapterConfig, PluginContext context) {
        SavedAdapterConfig.Loaded loaded = SavedAdapterConfig.read(adapterConfig, AdapterSettings.reference(),
                context.logger());
        return new AdapterMethod(loaded.settings(), context.random().nextLong(), loaded.hiddenSize());
    }
}
