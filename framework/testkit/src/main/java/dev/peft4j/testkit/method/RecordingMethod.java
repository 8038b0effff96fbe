package dev.peft4j.testkit.method;

import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.MergeContext;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.TuningMethod;
import java.util.Map;
import java.util.Set;

/**
 * A tuning method under test, wrapped so that the contract sees what it does to the model: every call goes to the
 * method; its {@code inject} gets a surgery that records into {@link #record()}.
 */
public final class RecordingMethod implements TuningMethod {

    private final TuningMethod method;
    private final InjectionRecord record = new InjectionRecord();

    public RecordingMethod(TuningMethod method) {
        this.method = method;
    }

    /** What the method did while it was injected; empty before. */
    public InjectionRecord record() {
        return record;
    }

    /** The wrapped method. */
    public TuningMethod method() {
        return method;
    }

    @Override
    public MethodKind kind() {
        return method.kind();
    }

    @Override
    public Set<Capability> capabilities() {
        return method.capabilities();
    }

    @Override
    public String prefix() {
        return method.prefix();
    }

    @Override
    public void inject(ModelSurgery surgery) {
        method.inject(new RecordingSurgery(surgery, record));
    }

    @Override
    public Map<String, Object> adapterConfig() {
        return method.adapterConfig();
    }

    @Override
    public void merge(MergeContext context) {
        method.merge(context);
    }
}
