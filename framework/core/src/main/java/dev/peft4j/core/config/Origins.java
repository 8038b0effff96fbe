package dev.peft4j.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.net.URL;
import java.util.List;

/** Turns Typesafe Config origins into the {@code file:line} users see. */
final class Origins {

    /** Origin description of values given with {@code -D key=value} or CLI flags. */
    static final String COMMAND_LINE = "command line";

    /** How Typesafe Config describes the origin of a value built from several places. */
    private static final String MERGED = "merge of ";

    private Origins() {
    }

    static String source(ConfigOrigin origin) {
        if (isMerged(origin)) {
            // "merge of a.conf: 19,b.conf: 1" -> "merged from a.conf:19, b.conf:1"
            return "merged from " + origin.description().substring(MERGED.length()).replaceAll(": (\\d+)", ":$1")
                    .replace(",", ", ");
        }
        if (origin.filename() != null) {
            return origin.filename();
        }
        URL url = origin.url();
        if (url != null) {
            String text = url.toString();
            int inJar = text.indexOf("!/");
            if (text.startsWith("jar:") && inJar > 0) {
                // jar:file:/long/path/peft4j-core.jar!/reference.conf -> peft4j-core.jar!/reference.conf
                return text.substring(text.lastIndexOf('/', inJar) + 1);
            }
            return url.getPath();
        }
        return origin.description().replaceFirst(": \\d+$", "");
    }

    /** The line, or -1 when there is none or the value was merged from several places. */
    static int line(ConfigOrigin origin) {
        return isMerged(origin) ? -1 : origin.lineNumber();
    }

    /** {@code file:line}, or just the source when it has no line. */
    static String describe(ConfigOrigin origin) {
        int line = line(origin);
        return line > 0 ? source(origin) + ":" + line : source(origin);
    }

    /** A value built from several places, e.g. a string concatenated with a substitution's value. */
    private static boolean isMerged(ConfigOrigin origin) {
        return origin.description().startsWith(MERGED);
    }

    /** The origin of the value at {@code path}, or of its nearest enclosing object when the value is absent. */
    static ConfigOrigin originAt(Config root, String path) {
        ConfigValue current = root.root();
        List<String> keys = ConfigUtil.splitPath(path);
        for (String key : keys) {
            if (!(current instanceof ConfigObject object) || object.get(key) == null) {
                break;
            }
            current = object.get(key);
        }
        return current.origin();
    }
}
