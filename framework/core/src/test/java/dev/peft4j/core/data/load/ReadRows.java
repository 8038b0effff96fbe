package dev.peft4j.core.data.load;

import dev.peft4j.core.data.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a file's rows with settings from reference.conf plus overrides. */
final class ReadRows {

    final List<RawRow> rows = new ArrayList<>();
    final BadRows badRows;

    private ReadRows(BadRows badRows) {
        this.badRows = badRows;
    }

    static ReadRows of(Path file, String overrides) {
        SourceSettings source = TestSettings.settings("train = x, " + overrides).source();
        ReadRows read = new ReadRows(new BadRows(source.onBadRow(), 5));
        RowReader.create(source.format().resolve(file), source, read.badRows)
                .read(file, file.getFileName().toString(), read.rows::add);
        return read;
    }

    static Path write(Path dir, String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String content) {
        return write(dir, name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    List<String> texts() {
        return rows.stream().map(RawRow::text).toList();
    }

    List<Long> lines() {
        return rows.stream().map(RawRow::line).toList();
    }
}
