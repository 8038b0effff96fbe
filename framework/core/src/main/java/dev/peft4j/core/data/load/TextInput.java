package dev.peft4j.core.data.load;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.LineNumberReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Opens text files: strict decoding (never a silent replacement character) and no UTF-8 byte-order mark. */
public final class TextInput {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private TextInput() {
    }

    /** A reader that throws on bytes that are not valid in {@code charset}, with a leading UTF-8 BOM skipped. */
    public static Reader open(Path file, Charset charset) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (charset.equals(StandardCharsets.UTF_8)) {
            skipBom(in);
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    /** Receives the lines of a file with their 1-based numbers. */
    interface LineVisitor {
        void line(long number, String text);
    }

    /**
     * Reads {@code file} line by line (LF, CRLF and lone CR end a line) and hands every non-blank line to
     * {@code visitor}; bad bytes and read failures become a {@link DataFileException} naming the file and line.
     */
    static void forEachNonBlankLine(Path file, String displayName, Charset charset, LineVisitor visitor) {
        long line = 0;
        try (LineNumberReader reader = new LineNumberReader(open(file, charset))) {
            String text;
            while ((text = reader.readLine()) != null) {
                line = reader.getLineNumber();
                if (!text.isBlank()) {
                    visitor.line(line, text);
                }
            }
        } catch (CharacterCodingException e) {
            throw undecodable(file, displayName, charset, e);
        } catch (IOException e) {
            throw new DataFileException(displayName, line, "cannot read the file: " + e.getMessage(), e);
        }
    }

    /** The error for a file that does not decode, pointing at the line of the first bad byte. */
    static DataFileException undecodable(Path file, String displayName, Charset charset,
                                         CharacterCodingException cause) {
        return undecodable(file, displayName, charset, cause, "data.encoding");
    }

    /**
     * The error for a file that does not decode, pointing at the line of the first bad byte.
     *
     * @param encodingKey the setting that names the charset, e.g. {@code data.encoding}
     */
    public static DataFileException undecodable(Path file, String displayName, Charset charset,
                                                CharacterCodingException cause, String encodingKey) {
        long line;
        try {
            line = lineOfFirstUndecodableByte(file, charset);
        } catch (IOException e) {
            line = 0;
        }
        return new DataFileException(displayName, line, "the file is not valid " + charset.name()
                + ": set " + encodingKey + " to the file's charset (ISO-8859-1 or windows-1252 for most older"
                + " English corpora)", cause);
    }

    /** 1-based line of the first byte sequence that does not decode, counting LF, CR and CRLF as one break. */
    static long lineOfFirstUndecodableByte(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long line = 1;
        boolean afterCr = false;
        try (InputStream in = Files.newInputStream(file)) {
            boolean eof = false;
            while (true) {
                if (!eof) {
                    int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (read < 0) {
                        eof = true;
                    } else {
                        bytes.position(bytes.position() + read);
                    }
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, eof);
                chars.flip();
                while (chars.hasRemaining()) {
                    char c = chars.get();
                    if (c == '\n') {
                        line += afterCr ? 0 : 1;
                    } else if (c == '\r') {
                        line++;
                    }
                    afterCr = c == '\r';
                }
                chars.clear();
                if (result.isError()) {
                    return line;
                }
                bytes.compact();
                if (eof && bytes.position() == 0) {
                    return 0;
                }
            }
        }
    }

    private static void skipBom(InputStream in) throws IOException {
        in.mark(UTF8_BOM.length);
        byte[] head = in.readNBytes(UTF8_BOM.length);
        if (!Arrays.equals(head, UTF8_BOM)) {
            in.reset();
        }
    }
}
