package dev.peft4j.plugins.adapter.contract;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.plugins.adapter.AdapterMethodFactory;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.testkit.TuningMethodContract;

/**
 * Houlsby adapters (after both sub-layers, swish) with a learned scaling and a layer norm on their input pass the
 * method contract: every optional variable travels through save and load.
 */
class HoulsbyContractTest extends TuningMethodContract {

    @Override
    protected TuningMethodFactory factory() {
        return new AdapterMethodFactory();
    }

    @Override
    protected Config settings() {
        return ConfigFactory.parseString(
                "config = houlsby, reduction-factor = 4, scaling = learned, layer-norm = true");
    }
}
