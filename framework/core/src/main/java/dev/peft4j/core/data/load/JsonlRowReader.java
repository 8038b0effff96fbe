package dev.peft4j.core.data.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.function.Consumer;

/** One JSON object per line, columns chosen by field name; blank lines are ignored. */
final class JsonlRowReader implements RowReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SourceSettings settings;
    private final BadRows badRows;
    private final RowAssembler assembler;

    JsonlRowReader(SourceSettings settings, BadRows badRows, RowAssembler assembler) {
        if (!settings.textColumn().byName() || !settings.labelColumn().byName()
                || (settings.pairColumn() != null && !settings.pairColumn().byName())) {
            throw new IllegalArgumentException("JSONL files choose columns by field name: set data.text-column,"
                    + " data.label-column (and data.text-pair-column) to names");
        }
        this.settings = settings;
        this.badRows = badRows;
        this.assembler = assembler;
    }

    @Override
    public void read(Path file, String displayName, Consumer<RawRow> rows) {
        TextInput.forEachNonBlankLine(file, displayName, settings.encoding(), (line, text) -> {
            RawRow row = parse(displayName, line, text);
            if (row != null) {
                rows.accept(row);
            }
        });
    }

    private RawRow parse(String file, long line, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            badRows.reject(file, line, "invalid json", "not valid JSON: " + e.getOriginalMessage());
            return null;
        }
        if (!node.isObject()) {
            badRows.reject(file, line, "not a json object", "expected a JSON object, found " + node.getNodeType());
            return null;
        }
        String textField = settings.textColumn().name();
        String pairField = settings.pairColumn() == null ? null : settings.pairColumn().name();
        if (!stringOrAbsent(node, textField, file, line)
                || (pairField != null && !stringOrAbsent(node, pairField, file, line))) {
            return null;
        }
        JsonNode label = node.get(settings.labelColumn().name());
        if (label != null && !label.isValueNode()) {
            badRows.reject(file, line, "unparseable label", "label field '" + settings.labelColumn().name()
                    + "' is a " + label.getNodeType() + ", expected a string or a number");
            return null;
        }
        return assembler.assemble(file, line, textOf(node, textField),
                pairField == null ? null : textOf(node, pairField),
                label == null || label.isNull() ? null : label.asText());
    }

    /** False (and the row rejected) when the field holds something other than a string or null. */
    private boolean stringOrAbsent(JsonNode node, String field, String file, long line) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isTextual()) {
            return true;
        }
        badRows.reject(file, line, "text is not a string",
                "field '" + field + "' is a " + value.getNodeType() + ", expected a string");
        return false;
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.textValue();
    }
}
