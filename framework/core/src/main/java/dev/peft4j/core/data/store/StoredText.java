package dev.peft4j.core.data.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The text part of one row as kept in a {@link RecordFile}: its id, its text and its optional pair text. */
public record StoredText(String id, String text, String pair) {

    private static final int NO_PAIR = -1;

    public byte[] encode() {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] pairBytes = pair == null ? new byte[0] : pair.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(12 + idBytes.length + textBytes.length + pairBytes.length);
        buffer.putInt(idBytes.length).put(idBytes);
        buffer.putInt(textBytes.length).put(textBytes);
        buffer.putInt(pair == null ? NO_PAIR : pairBytes.length).put(pairBytes);
        return buffer.array();
    }

    public static StoredText decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        String id = string(buffer, buffer.getInt());
        String text = string(buffer, buffer.getInt());
        int pairLength = buffer.getInt();
        String pair = pairLength == NO_PAIR ? null : string(buffer, pairLength);
        return new StoredText(id, text, pair);
    }

    private static String string(ByteBuffer buffer, int length) {
        String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return value;
    }
}
