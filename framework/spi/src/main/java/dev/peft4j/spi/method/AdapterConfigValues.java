package dev.peft4j.spi.method;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed reading of a saved {@code adapter_config.json} (the map {@link TuningMethodFactory#fromAdapterConfig} gets):
 * each accessor returns its fallback when the key is absent or null, and a wrong type is an error that names the file,
 * the key, what was expected and what was found, so a method never reports a bare {@code ClassCastException}.
 */
public final class AdapterConfigValues {

    private final Map<String, Object> map;

    public AdapterConfigValues(Map<String, Object> map) {
        this.map = map;
    }

    /** The value as parsed from JSON (String, Number, Boolean, List, Map), or null. */
    public Object raw(String key) {
        return map.get(key);
    }

    public String string(String key, String fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw wrongType(key, "a string", value);
        }
        return s;
    }

    public boolean bool(String key, boolean fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw wrongType(key, "true or false", value);
        }
        return b;
    }

    public double number(String key, double fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n)) {
            throw wrongType(key, "a number", value);
        }
        return n.doubleValue();
    }

    public int integer(String key, int fallback) {
        Object value = map.get(key);
        return value == null ? fallback : integral(key, value);
    }

    /** A JSON list of whole numbers. */
    public List<Integer> integers(String key, List<Integer> fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(key, "a list of integers", value);
        }
        List<Integer> result = new ArrayList<>();
        list.forEach(element -> result.add(integral(key, element)));
        return result;
    }

    /** A JSON list of strings; absent is empty. */
    public List<String> strings(String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw wrongType(key, "a list of strings", value);
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** The value through {@code parser}, whose IllegalArgumentException is reported at the key. */
    public <T> T parse(String key, T fallback, Function<Object, T> parser) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("adapter_config.json: " + key + ": " + e.getMessage(), e);
        }
    }

    /** {@code value} as an int when it is a whole number in range, else the error at {@code key}. */
    public static int integral(String key, Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw wrongType(key, "an integer", value);
    }

    /** The error for {@code key} holding {@code value} where {@code expected} was wanted. */
    public static IllegalArgumentException wrongType(String key, String expected, Object value) {
        String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        return new IllegalArgumentException("adapter_config.json: " + key + " must be " + expected + ", got " + shown);
    }
}
