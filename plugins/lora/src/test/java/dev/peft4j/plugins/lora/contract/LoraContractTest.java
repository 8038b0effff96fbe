package dev.peft4j.plugins.lora.contract;

import dev.peft4j.plugins.lora.LoraMethodFactory;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.testkit.TuningMethodContract;

/** LoRA with its defaults (r 8, alpha 8, the architecture's default target modules) passes the method contract. */
class LoraContractTest extends TuningMethodContract {

    @Override
    protected TuningMethodFactory factory() {
        return new LoraMethodFactory();
    }
}
