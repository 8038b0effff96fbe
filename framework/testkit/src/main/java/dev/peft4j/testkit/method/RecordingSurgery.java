package dev.peft4j.testkit.method;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.LinearHook;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.ModelSpec;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.SubLayer;
import dev.peft4j.spi.method.SubLayerHook;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/** Passes every call to the host's surgery and records the changes in an {@link InjectionRecord}. */
final class RecordingSurgery implements ModelSurgery {

    private final ModelSurgery host;
    private final InjectionRecord record;

    RecordingSurgery(ModelSurgery host, InjectionRecord record) {
        this.host = host;
        this.record = record;
    }

    @Override
    public Ops tf() {
        return host.tf();
    }

    @Override
    public ModelSpec model() {
        return host.model();
    }

    @Override
    public List<LinearLayer> linearLayers() {
        return host.linearLayers();
    }

    @Override
    public List<String> defaultTargetModules() {
        return host.defaultTargetModules();
    }

    @Override
    public Variable<TFloat32> addVariable(String name, FloatTensor initial) {
        Variable<TFloat32> variable = host.addVariable(name, initial);
        record.variable(name);
        return variable;
    }

    @Override
    public Variable<TFloat32> unfreeze(String baseWeightName, String savedName) {
        Variable<TFloat32> variable = host.unfreeze(baseWeightName, savedName);
        record.unfrozen(baseWeightName, savedName);
        return variable;
    }

    @Override
    public FloatTensor baseWeight(String name) {
        return host.baseWeight(name);
    }

    @Override
    public void wrapLinear(LinearLayer layer, LinearHook hook) {
        host.wrapLinear(layer, hook);
        record.linearHook();
    }

    @Override
    public void hookSubLayer(int layerIndex, SubLayer subLayer, SubLayerHook hook) {
        host.hookSubLayer(layerIndex, subLayer, hook);
        record.subLayerHook();
    }

    @Override
    public void prependVirtualTokens(Operand<TFloat32> embeddings) {
        host.prependVirtualTokens(embeddings);
        record.virtualTokens(embeddings.shape().size(0));
    }

    @Override
    public Operand<TBool> training() {
        return host.training();
    }

    @Override
    public long[] tokenize(String text) {
        return host.tokenize(text);
    }

    @Override
    public String wordEmbeddingName() {
        return host.wordEmbeddingName();
    }

    @Override
    public String modelNameOrPath() {
        return host.modelNameOrPath();
    }
}
