package com.example.ia3;

import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.testkit.TuningMethodContract;

/** IA3 with PEFT's default modules passes the contract every peft4j tuning method passes. */
class Ia3ContractTest extends TuningMethodContract {

    @Override
    protected TuningMethodFactory factory() {
        return new Ia3MethodFactory();
    }

    /** IA3 scales the input of down projections, whose output feeds the block's residual addition. */
    @Override
    protected boolean bitExact() {
        return false;
    }
}
