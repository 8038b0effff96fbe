package dev.peft4j.bench.workload;

import dev.peft4j.bench.peft4j.Peft4jBackend;
import dev.peft4j.bench.tf.TfBackend;
import dev.peft4j.bench.torch.TorchBackend;
import java.util.Map;
import java.util.function.Supplier;

/** The engines the harness knows, by id. */
public final class Backends {

    private static final Map<String, Supplier<Backend>> BACKENDS = Map.of(
            "peft4j", Peft4jBackend::new,
            "tf", TfBackend::new,
            "torch", TorchBackend::new);

    private Backends() {
    }

    public static Backend byId(String id) {
        Supplier<Backend> backend = BACKENDS.get(id);
        if (backend == null) {
            throw new IllegalArgumentException("unknown backend '" + id + "': known are " + BACKENDS.keySet());
        }
        return backend.get();
    }
}
