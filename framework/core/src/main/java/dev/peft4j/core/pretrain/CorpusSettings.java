package dev.peft4j.core.pretrain;

import com.typesafe.config.Config;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.core.config.SettingsViolations;
import dev.peft4j.core.data.load.ColumnRef;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the unlabelled text is and how to read it ({@code pretrain.text}).
 *
 * @param files     files and folders, resolved against the pipeline file's folder; a folder stands for its .txt files
 * @param documents what one document of a plain text file is
 * @param column    the text column of JSONL, CSV and TSV files
 * @param header    whether the first row of a CSV or TSV file names its columns
 * @param encoding  the files' charset, or null when {@code pretrain.text.encoding} names none (then refused)
 */
public record CorpusSettings(List<Path> files, CorpusFormat format, DocumentUnit documents, ColumnRef column,
                             boolean header, Charset encoding) {

    public CorpusSettings {
        files = files == null ? List.of() : List.copyOf(files);
        SettingsViolations v = new SettingsViolations();
        v.check(!files.isEmpty(), "pretrain.text.files",
                "at least one text file or folder of .txt files (relative paths start at the pipeline file's folder)",
                "[]");
        v.check(encoding != null, "pretrain.text.encoding", "a charset Java knows, e.g. UTF-8 or ISO-8859-1",
                "an unknown charset");
        v.check(column != null, "pretrain.text.column", "a column name or a 0-based index", null);
        v.check(column == null || header || !column.byName() || format == CorpusFormat.JSONL
                        || format == CorpusFormat.TEXT || format == CorpusFormat.LABEL_FIRST,
                "pretrain.text.column", "a 0-based index, since pretrain.text.header = false",
                column == null ? null : column.name());
        v.throwIfAny();
    }

    /** Reads {@code pretrain.text}; relative paths resolve against {@code baseDir}. */
    static CorpusSettings from(Config root, Path baseDir) {
        return SettingsReader.read(root, c -> new CorpusSettings(
                c.getStringList("pretrain.text.files").stream().map(f -> baseDir.resolve(f).normalize()).toList(),
                SettingsReader.enumValue(c, "pretrain.text.format", CorpusFormat.class),
                SettingsReader.enumValue(c, "pretrain.text.documents", DocumentUnit.class),
                ColumnRef.read(c, "pretrain.text.column"),
                c.getBoolean("pretrain.text.header"),
                charset(c.getString("pretrain.text.encoding"))));
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
