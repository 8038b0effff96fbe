package dev.peft4j.plugins.adapter.contract;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.plugins.adapter.AdapterMethodFactory;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.testkit.TuningMethodContract;

/**
 * Parallel adapters (beside the feed-forward block) with the near-zero normal initialisation, dropout and block 0 left
 * out pass the method contract; not being the identity at init, that check is skipped.
 */
class ParallelContractTest extends TuningMethodContract {

    @Override
    protected TuningMethodFactory factory() {
        return new AdapterMethodFactory();
    }

    @Override
    protected Config settings() {
        return ConfigFactory.parseString("config = parallel, init = normal, dropout = 0.1, leave-out = [0]");
    }
}
