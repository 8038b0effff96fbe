package dev.peft4j.plugins.prompttuning.contract;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.plugins.prompttuning.PromptTuningMethodFactory;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.testkit.TuningMethodContract;

/** Soft prompts of 8 virtual tokens drawn from the vocabulary's embeddings pass the method contract. */
class PromptTuningContractTest extends TuningMethodContract {

    @Override
    protected TuningMethodFactory factory() {
        return new PromptTuningMethodFactory();
    }

    @Override
    protected Config settings() {
        return ConfigFactory.parseString("num-virtual-tokens = 8, init = sample-vocab");
    }

    /** Soft prompts train with larger steps than weights (PEFT's examples use 3e-2 and up). */
    @Override
    protected double learningRate() {
        return 3e-2;
    }
}
