package dev.peft4j.core.model.weights;

import dev.peft4j.core.model.ModelLoadException;
import dev.peft4j.core.model.TrainableVariable;
import dev.peft4j.core.model.WeightStore;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.LinearLayer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Every variable of one model graph, by name: frozen base weights from the checkpoint, new head weights, adapter
 * variables. Declares them while the graph is built, assigns their values once the session exists, and reads or
 * replaces them afterwards.
 */
public final class WeightRegistry {

    private final Ops tf;
    private final WeightStore store;
    private final NameResolver resolver;
    private final Map<String, WeightSlot> slots = new LinkedHashMap<>();
    private final Map<String, Ops> adapterScopes = new HashMap<>();
    private Ops adaptersScope;
    private final List<LinearLayer> linearLayers = new ArrayList<>();
    private final List<String> headWeights = new ArrayList<>();
    private Session session;

    public WeightRegistry(Ops tf, WeightStore store, NameResolver resolver) {
        this.tf = tf;
        this.store = store;
        this.resolver = resolver;
    }

    /** A frozen base weight; the checkpoint must hold it with exactly this shape. */
    public Variable<TFloat32> frozen(String name, long... shape) {
        return declare(name, shape, requireInStore(name, shape), null, DecayPolicy.decays(name)).variable;
    }

    /** A frozen normalisation weight: like {@link #frozen} but never decayed if a method unfreezes it. */
    public Variable<TFloat32> frozenNorm(String name, long... shape) {
        return declare(name, shape, requireInStore(name, shape), null, false).variable;
    }

    /** A frozen linear layer {@code module.weight} (+ {@code module.bias}), listed for {@code ModelSurgery}. */
    public LinearLayer linear(String module, int layerIndex, int in, int out, boolean fanInFanOut, boolean bias) {
        long[] shape = fanInFanOut ? new long[] {in, out} : new long[] {out, in};
        Variable<TFloat32> weight = frozen(module + ".weight", shape);
        Variable<TFloat32> b = bias ? frozen(module + ".bias", out) : null;
        LinearLayer layer = new LinearLayer(module, layerIndex, in, out, fanInFanOut, weight, b);
        linearLayers.add(layer);
        return layer;
    }

    /** True when the checkpoint holds {@code name} (under any of its accepted spellings). */
    public boolean inStore(String name) {
        return findInStore(name) != null;
    }

    /**
     * A new trainable weight of the task head: the checkpoint's value when it holds {@code name} with the same shape
     * (a fine-tuned classifier), {@code initial} otherwise.
     */
    public Variable<TFloat32> head(String name, FloatTensor initial) {
        String storeName = findInStore(name);
        boolean fromStore = storeName != null && Arrays.equals(storeShape(storeName), initial.shape());
        WeightSlot slot = declare(name, initial.shape(), fromStore ? storeName : null, fromStore ? null : initial,
                DecayPolicy.decays(name));
        slot.trainable = true;
        headWeights.add(name);
        return slot.variable;
    }

    /**
     * The weights declared with {@link #head}, in declaration order: the task head, and weights an architecture adds
     * because the checkpoint lacks them (BERT's pooler). They train with every adapter and are saved with it.
     */
    public List<String> headWeightNames() {
        return List.copyOf(headWeights);
    }

    /** A trainable variable an adapter adds, saved under {@code savedName}. */
    public Variable<TFloat32> addAdapterVariable(String adapter, String savedName, FloatTensor initial) {
        String name = "adapters/" + adapter + "/" + savedName;
        if (slots.containsKey(name)) {
            throw new IllegalArgumentException("adapter '" + adapter + "' already has a variable named '" + savedName
                    + "'; give each variable its own name");
        }
        WeightSlot slot = declare(adapterScope(adapter), OpNames.sanitize(savedName), name, initial.shape(), null,
                initial, DecayPolicy.decays(savedName));
        slot.trainable = true;
        slot.savedNames.put(adapter, savedName);
        return slot.variable;
    }

    /** Makes a base or head weight trainable and saved with {@code adapter} under {@code savedName}. */
    public Variable<TFloat32> unfreeze(String adapter, String name, String savedName) {
        WeightSlot slot = slots.get(name);
        if (slot == null || name.startsWith("adapters/")) {
            throw new IllegalArgumentException("the model has no base weight '" + name + "' to unfreeze; base weights: "
                    + baseWeightNames());
        }
        slot.trainable = true;
        slot.savedNames.put(adapter, savedName);
        return slot.variable;
    }

    /** Names of the checkpoint and head weights, in declaration order. */
    public List<String> baseWeightNames() {
        return slots.keySet().stream().filter(n -> !n.startsWith("adapters/")).toList();
    }

    public List<LinearLayer> linearLayers() {
        return List.copyOf(linearLayers);
    }

    /** The current value of a variable: from the session once initialised, else the value it will be given. */
    public FloatTensor value(String name) {
        WeightSlot slot = slot(name);
        if (session != null) {
            return WeightTransfer.fetch(session, slot);
        }
        return slot.initial != null ? slot.initial : readFromStore(slot);
    }

    /** Overwrites a variable in the initialised session; the value must have the variable's shape. */
    public void assign(String name, FloatTensor value) {
        WeightSlot slot = slot(name);
        if (session == null) {
            throw new IllegalStateException("variable '" + name + "' cannot be assigned before the session exists");
        }
        if (!Arrays.equals(value.shape(), slot.shape)) {
            throw new IllegalArgumentException("variable '" + name + "' has shape " + Arrays.toString(slot.shape)
                    + " but the new value has shape " + Arrays.toString(value.shape()));
        }
        WeightTransfer.assign(session, List.of(slot), s -> value);
    }

    /** Whether {@code variable} is one of the {@link #trainables()}. */
    public boolean trains(Operand<?> variable) {
        return slots.values().stream().anyMatch(s -> s.trainable && s.variable.op().equals(variable.op()));
    }

    /** Variables the optimizer updates, each once, in declaration order. */
    public List<TrainableVariable> trainables() {
        return slots.values().stream().filter(s -> s.trainable)
                .map(s -> new TrainableVariable(s.name, s.variable, s.shape, s.decay, s.savedNames))
                .toList();
    }

    /** Parameters of all variables (base, head and adapters). */
    public long parameterCount() {
        return slots.values().stream().mapToLong(s -> s.bytes() / 4).sum();
    }

    /** The variables saved with {@code adapter}: saved name → variable name. */
    public Map<String, String> savedBy(String adapter) {
        Map<String, String> saved = new LinkedHashMap<>();
        slots.values().forEach(s -> {
            String savedName = s.savedNames.get(adapter);
            if (savedName != null) {
                saved.put(savedName, s.name);
            }
        });
        return saved;
    }

    /**
     * Assigns every variable its first value, in runs of at most {@code chunkBytes} fed bytes so that only one chunk
     * is held outside the session at a time. Given values are dropped afterwards.
     */
    public void initialize(Session session, long chunkBytes) {
        Collection<WeightSlot> all = slots.values();
        List<WeightSlot> chunk = new ArrayList<>();
        long bytes = 0;
        for (WeightSlot slot : all) {
            chunk.add(slot);
            bytes += slot.bytes();
            if (bytes >= chunkBytes) {
                WeightTransfer.assign(session, chunk, this::firstValue);
                chunk.clear();
                bytes = 0;
            }
        }
        if (!chunk.isEmpty()) {
            WeightTransfer.assign(session, chunk, this::firstValue);
        }
        all.forEach(s -> s.initial = null);
        this.session = session;
    }

    private FloatTensor firstValue(WeightSlot slot) {
        return slot.initial != null ? slot.initial : readFromStore(slot);
    }

    private WeightSlot declare(String name, long[] shape, String storeName, FloatTensor initial, boolean decay) {
        return declare(tf, OpNames.sanitize(name), name, shape, storeName, initial, decay);
    }

    /** @param scope where the op {@code opName} goes; {@code name} is the variable's key in this registry */
    private WeightSlot declare(Ops scope, String opName, String name, long[] shape, String storeName,
            FloatTensor initial, boolean decay) {
        if (slots.containsKey(name)) {
            throw new IllegalStateException("variable '" + name + "' is declared twice");
        }
        Shape s = Shape.of(shape);
        Variable<TFloat32> variable = scope.withName(opName).variable(s, TFloat32.class);
        Placeholder<TFloat32> input = scope.withName(opName + "_init").placeholder(TFloat32.class,
                Placeholder.shape(s));
        var assign = scope.withName(opName + "_assign").assign(variable, input);
        WeightSlot slot = new WeightSlot(name, variable, shape.clone(), storeName, initial, decay, input, assign);
        slots.put(name, slot);
        return slot;
    }

    /** Adapter variables live under {@code adapters/<adapter>/}; each scope is made once (Scope uniquifies). */
    private Ops adapterScope(String adapter) {
        if (adaptersScope == null) {
            adaptersScope = tf.withSubScope("adapters");
        }
        return adapterScopes.computeIfAbsent(adapter, adaptersScope::withSubScope);
    }

    private WeightSlot slot(String name) {
        WeightSlot slot = slots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("the model has no variable '" + name + "'");
        }
        return slot;
    }

    private String requireInStore(String name, long[] shape) {
        String storeName = findInStore(name);
        if (storeName == null) {
            List<String> tried = resolver.candidates(name);
            throw new ModelLoadException("checkpoint " + store + " has no tensor '" + name + "'"
                    + (tried.size() > 1 ? " (also looked for " + tried.subList(1, tried.size()) + ")" : "")
                    + ", which config.json's architecture needs; check that config.json and the weights come from "
                    + "the same checkpoint");
        }
        long[] stored = storeShape(storeName);
        if (!Arrays.equals(stored, shape)) {
            throw new ModelLoadException("checkpoint " + store + ": tensor '" + storeName + "' has shape "
                    + Arrays.toString(stored) + " but config.json's architecture needs " + Arrays.toString(shape)
                    + "; check that config.json and the weights come from the same checkpoint");
        }
        return storeName;
    }

    private String findInStore(String name) {
        for (String candidate : resolver.candidates(name)) {
            if (store.names().contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private long[] storeShape(String storeName) {
        return store.shape(storeName).stream().mapToLong(Long::longValue).toArray();
    }

    private FloatTensor readFromStore(WeightSlot slot) {
        FloatTensor value = store.read(slot.storeName);
        if (!Arrays.equals(value.shape(), slot.shape)) {
            throw new ModelLoadException("checkpoint " + store + ": tensor '" + slot.storeName
                    + "' was read with shape " + Arrays.toString(value.shape()) + " but its header says "
                    + Arrays.toString(slot.shape));
        }
        return value;
    }
}
