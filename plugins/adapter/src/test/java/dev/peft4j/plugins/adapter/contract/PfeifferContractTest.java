package dev.peft4j.plugins.adapter.contract;

import dev.peft4j.plugins.adapter.AdapterMethodFactory;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.testkit.TuningMethodContract;

/** Pfeiffer bottleneck adapters, the plugin's default, pass the method contract. */
class PfeifferContractTest extends TuningMethodContract {

    @Override
    protected TuningMethodFactory factory() {
        return new AdapterMethodFactory();
    }
}
