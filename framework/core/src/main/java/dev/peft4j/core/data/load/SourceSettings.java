package dev.peft4j.core.data.load;

import com.typesafe.config.Config;
import dev.peft4j.core.data.ConfigReads;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How to read the data files: layout, columns, label type and what to do with rows that do not fit.
 *
 * @param pairColumn   the second text of a sentence pair, or null
 * @param labelPattern when set, the label is its first capture group found in the raw label (null: the raw label)
 * @param labels       the class names in index order, or empty to collect them from the files (sorted)
 */
public record SourceSettings(FileFormat format, boolean header, Charset encoding, ColumnRef textColumn,
                             ColumnRef pairColumn, ColumnRef labelColumn, LabelKind labelType,
                             Pattern labelPattern, List<String> labels, BadRowPolicy onBadRow) {

    public SourceSettings {
        Objects.requireNonNull(format, "data.format");
        Objects.requireNonNull(encoding, "data.encoding");
        Objects.requireNonNull(labelType, "data.label-type");
        Objects.requireNonNull(onBadRow, "data.on-bad-row");
        labels = List.copyOf(labels);
        if (format == FileFormat.LABEL_FIRST) {
            if (header) {
                throw new IllegalArgumentException("data.format = label-first files have no header row:"
                        + " set data.header = false");
            }
            if (pairColumn != null) {
                throw new IllegalArgumentException("data.format = label-first holds one text per line:"
                        + " set data.text-pair-column = null or use csv, tsv or jsonl for sentence pairs");
            }
        } else {
            Objects.requireNonNull(textColumn, "data.text-column");
            Objects.requireNonNull(labelColumn, "data.label-column");
            if (!header && (textColumn.byName() || labelColumn.byName()
                    || (pairColumn != null && pairColumn.byName())) && format != FileFormat.JSONL) {
                throw new IllegalArgumentException("data.header = false, so columns can only be chosen by 0-based"
                        + " index: set data.text-column, data.label-column (and data.text-pair-column) to numbers");
            }
            if (format == FileFormat.JSONL && !(textColumn.byName() && labelColumn.byName()
                    && (pairColumn == null || pairColumn.byName()))) {
                throw new IllegalArgumentException("data.format = jsonl chooses columns by field name: set"
                        + " data.text-column, data.label-column (and data.text-pair-column) to names");
            }
        }
        if (labelPattern != null && labelPattern.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException("data.label-pattern '" + labelPattern
                    + "' needs a capture group, e.g. \"^([A-Z]+):\"");
        }
        if (!labels.isEmpty() && labelType == LabelKind.FLOAT) {
            throw new IllegalArgumentException("data.labels lists classes, but data.label-type = float is"
                    + " regression: set data.labels = []");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("data.labels has a class twice: " + labels);
        }
    }

    public static SourceSettings from(Config data) {
        return new SourceSettings(
                ConfigReads.enumValue(data, "format", FileFormat.class),
                data.getBoolean("header"),
                charset(data.getString("encoding")),
                ColumnRef.read(data, "text-column"),
                ColumnRef.read(data, "text-pair-column"),
                ColumnRef.read(data, "label-column"),
                ConfigReads.enumValue(data, "label-type", LabelKind.class),
                pattern(ConfigReads.nullableString(data, "label-pattern")),
                data.getStringList("labels"),
                ConfigReads.enumValue(data, "on-bad-row", BadRowPolicy.class));
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("data.encoding '" + name + "' is not a charset this JVM knows:"
                    + " use e.g. UTF-8, ISO-8859-1 or windows-1252", e);
        }
    }

    private static Pattern pattern(String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("data.label-pattern is not a valid regular expression: "
                    + e.getMessage(), e);
        }
    }
}
