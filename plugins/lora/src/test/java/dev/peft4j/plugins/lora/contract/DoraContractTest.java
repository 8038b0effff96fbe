package dev.peft4j.plugins.lora.contract;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.plugins.lora.LoraMethodFactory;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.testkit.TuningMethodContract;

/**
 * DoRA on every linear layer, with rank-stabilised scaling, a per-module rank, dropout and the adapted layers' biases
 * trained, passes the method contract: magnitudes and biases travel through save and load, and merging folds
 * DoRA's normalised direction exactly.
 */
class DoraContractTest extends TuningMethodContract {

    @Override
    protected TuningMethodFactory factory() {
        return new LoraMethodFactory();
    }

    @Override
    protected Config settings() {
        return ConfigFactory.parseString("""
                r = 4, alpha = 8, use-dora = true, use-rslora = true, target-modules = all-linear,
                bias = lora-only, dropout = 0.1, rank-pattern { "layers.1.mlp.down_proj" = 2 }
                """);
    }

    /** DoRA rescales every wrapped output by m / ‖W‖, which is 1 only up to rounding; all-linear wraps o_proj too. */
    @Override
    protected boolean bitExact() {
        return false;
    }
}
