package dev.peft4j.plugins.prompttuning;

import com.typesafe.config.Config;
import dev.peft4j.plugins.prompttuning.settings.PromptTuningSettings;
import dev.peft4j.plugins.prompttuning.settings.SavedPromptConfig;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import java.util.Map;
import org.pf4j.Extension;

/** The {@code prompt-tuning} method: {@code method.type = prompt-tuning}, settings under {@code method.prompt-tuning}. */
@Extension
public final class PromptTuningMethodFactory implements TuningMethodFactory {

    @Override
    public String name() {
        return "prompt-tuning";
    }

    @Override
    public String peftType() {
        return SavedPromptConfig.PEFT_TYPE;
    }

    @Override
    public TuningMethod create(Config settings, PluginContext context) {
        return PromptTuningMethod.created(PromptTuningSettings.fromConfig(settings), context.random().nextLong());
    }

    @Override
    public TuningMethod fromAdapterConfig(Map<String, Object> adapterConfig, PluginContext context) {
        SavedPromptConfig.Loaded loaded = SavedPromptConfig.read(adapterConfig, PromptTuningSettings.reference(),
                context.logger());
        return PromptTuningMethod.loaded(loaded.settings(), loaded.tokenDim());
    }
}
