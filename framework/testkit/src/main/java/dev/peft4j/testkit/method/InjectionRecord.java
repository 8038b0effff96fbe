package dev.peft4j.testkit.method;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a method did to the model while it was injected, as {@link RecordingSurgery} saw it. */
public final class InjectionRecord {

    private final List<String> variables = new ArrayList<>();
    private final Map<String, String> unfrozen = new LinkedHashMap<>();
    private int linearHooks;
    private int subLayerHooks;
    private int virtualTokens;

    void variable(String name) {
        variables.add(name);
    }

    void unfrozen(String baseWeight, String savedName) {
        unfrozen.put(baseWeight, savedName);
    }

    void linearHook() {
        linearHooks++;
    }

    void subLayerHook() {
        subLayerHooks++;
    }

    void virtualTokens(long count) {
        virtualTokens += (int) count;
    }

    /** Names of the variables the method added, in order. */
    public List<String> variables() {
        return Collections.unmodifiableList(variables);
    }

    /** Base weights the method made trainable → the names they are saved under. */
    public Map<String, String> unfrozen() {
        return Collections.unmodifiableMap(unfrozen);
    }

    public int linearHooks() {
        return linearHooks;
    }

    public int subLayerHooks() {
        return subLayerHooks;
    }

    /** Virtual tokens prepended, over all calls. */
    public int virtualTokens() {
        return virtualTokens;
    }
}
