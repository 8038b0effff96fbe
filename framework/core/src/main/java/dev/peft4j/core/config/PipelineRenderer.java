package dev.peft4j.core.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a resolved pipeline as HOCON with one value per line and, after it, where the value came from:
 * <pre>
 * training {
 *   batch-size = 8                 # command line
 *   epochs = 5                     # sst2-lora.conf:3
 * }
 * </pre>
 * Keys are sorted; the text parses back to the same config.
 */
final class PipelineRenderer {

    private static final String INDENT = "  ";
    private static final int MAX_COMMENT_COLUMN = 56;

    private PipelineRenderer() {
    }

    static String render(ConfigObject root) {
        StringBuilder out = new StringBuilder();
        writeMembers(root, "", out);
        return out.toString();
    }

    private static void writeMembers(ConfigObject object, String indent, StringBuilder out) {
        List<String> keys = object.keySet().stream().sorted().toList();
        List<String[]> leaves = new ArrayList<>();
        int width = 0;
        for (String key : keys) {
            ConfigValue value = object.get(key);
            if (isBlock(value)) {
                continue;
            }
            String line = indent + ConfigUtil.joinPath(key) + " = " + inline(value);
            leaves.add(new String[] {key, line});
            width = Math.max(width, line.length());
        }
        int column = Math.min(width, MAX_COMMENT_COLUMN) + 2;
        int leaf = 0;
        for (String key : keys) {
            ConfigValue value = object.get(key);
            if (isBlock(value)) {
                out.append(indent).append(ConfigUtil.joinPath(key)).append(" {\n");
                writeMembers((ConfigObject) value, indent + INDENT, out);
                out.append(indent).append("}\n");
            } else {
                String line = leaves.get(leaf++)[1];
                out.append(line).append(" ".repeat(Math.max(2, column - line.length())))
                        .append("# ").append(Origins.describe(value.origin())).append('\n');
            }
        }
    }

    /** Non-empty objects become blocks; everything else, empty objects included, fits on one line. */
    private static boolean isBlock(ConfigValue value) {
        return value instanceof ConfigObject object && !object.isEmpty();
    }

    private static String inline(ConfigValue value) {
        return value.render(ConfigRenderOptions.concise());
    }
}
