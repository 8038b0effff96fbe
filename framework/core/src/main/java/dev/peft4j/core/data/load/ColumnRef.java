package dev.peft4j.core.data.load;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

/** A column chosen by its header name (or JSON field name) or by its 0-based position. */
public record ColumnRef(String name, int index) {

    private static final int NO_INDEX = -1;

    public ColumnRef {
        if ((name == null) == (index == NO_INDEX)) {
            throw new IllegalArgumentException("a column is either a name or a 0-based index, got name=" + name
                    + " index=" + index);
        }
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("a column name must not be blank");
        }
        if (index < NO_INDEX) {
            throw new IllegalArgumentException("a column index is 0-based and not negative, got " + index);
        }
    }

    public static ColumnRef named(String name) {
        return new ColumnRef(name, NO_INDEX);
    }

    public static ColumnRef at(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a column index is 0-based and not negative, got " + index);
        }
        return new ColumnRef(null, index);
    }

    /** Reads a column key: a number is a position, a string a name; absent or null gives null. */
    public static ColumnRef read(Config config, String path) {
        if (!config.hasPath(path)) {
            return null;
        }
        ConfigValue value = config.getValue(path);
        try {
            if (value.valueType() == ConfigValueType.NUMBER) {
                return at(config.getInt(path));
            }
            if (value.valueType() == ConfigValueType.STRING) {
                return named(config.getString(path));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(value.origin(), path, e.getMessage());
        }
        throw new ConfigException.WrongType(value.origin(), path, "a column name or a 0-based index",
                value.valueType().name());
    }

    public boolean byName() {
        return name != null;
    }

    @Override
    public String toString() {
        return byName() ? "'" + name + "'" : "#" + index;
    }
}
