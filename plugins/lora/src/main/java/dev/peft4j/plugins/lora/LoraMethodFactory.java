package dev.peft4j.plugins.lora;

import com.typesafe.config.Config;
import dev.peft4j.plugins.lora.settings.LoraSettings;
import dev.peft4j.plugins.lora.settings.PeftLoraConfig;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import java.util.Map;
import org.pf4j.Extension;

/** The {@code lora} tuning method: {@code method.type = lora}, settings under {@code method.lora}. */
@Extension
public final class LoraMethodFactory implements TuningMethodFactory {

    @Override
    public String name() {
        return "lora";
    }

    @Override
    public String peftType() {
        return PeftLoraConfig.PEFT_TYPE;
    }

    @Override
    public TuningMethod create(Config settings, PluginContext context) {
        return new LoraMethod(LoraSettings.fromConfig(settings), context.random().nextLong(), context.logger());
    }

    @Override
    public TuningMethod fromAdapterConfig(Map<String, Object> adapterConfig, PluginContext context) {
        LoraSettings settings = PeftLoraConfig.read(adapterConfig, LoraSettings.reference(), context.logger());
        return new LoraMethod(settings, context.random().nextLong(), context.logger());
    }
}
