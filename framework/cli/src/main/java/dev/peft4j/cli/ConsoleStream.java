package dev.peft4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintStream} onto picocli's output writer, for the parts of peft4j that print to a stream (progress bars,
 * run summaries), so that everything a command prints goes where the command line sends its output.
 */
final class ConsoleStream {

    private ConsoleStream() {
    }

    static PrintStream of(PrintWriter writer) {
        OutputStream bytes = new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                pending.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                pending.write(b, off, len);
            }

            @Override
            public void flush() {
                writer.write(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
                writer.flush();
            }
        };
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
