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

    private Origins() {
    }

    static String source(ConfigOrigin origin) {
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

    static int line(ConfigOrigin origin) {
        return origin.lineNumber();
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
