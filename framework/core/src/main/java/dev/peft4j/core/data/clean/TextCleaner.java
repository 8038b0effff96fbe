package dev.peft4j.core.data.clean;

import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Applies the configured cleaning steps, in order, to one text. Stateless and thread-safe. */
public final class TextCleaner {

    private static final Pattern PUNCTUATION = Pattern.compile("\\p{P}+");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|ftp://|www\\.)[^\\s<>\"]+");
    private static final Pattern EMAIL =
            Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    private static final Pattern NUMBER = Pattern.compile("\\p{Nd}+(?:[.,]\\p{Nd}+)*");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);");
    private static final Map<String, String> NAMED_ENTITIES = Map.of("amp", "&", "lt", "<", "gt", ">",
            "quot", "\"", "apos", "'", "nbsp", "\u00A0");
    private static final char[] CP1252_C1 = cp1252ForC1();

    private final List<UnaryOperator<String>> steps = new ArrayList<>();

    public TextCleaner(CleanSettings settings) {
        for (CleanStep step : settings.steps()) {
            steps.add(operator(step, settings.masks()));
        }
    }

    public String clean(String text) {
        String result = text;
        for (UnaryOperator<String> step : steps) {
            result = step.apply(result);
        }
        return result;
    }

    private static UnaryOperator<String> operator(CleanStep step, CleanSettings.MaskTokens masks) {
        return switch (step) {
            case REPAIR_CP1252 -> TextCleaner::repairCp1252;
            case UNESCAPE_HTML -> TextCleaner::unescapeHtml;
            case NFKC -> text -> Normalizer.normalize(text, Normalizer.Form.NFKC);
            case STRIP_CONTROL -> TextCleaner::stripControl;
            case COLLAPSE_WHITESPACE -> Whitespace::collapse;
            case LOWERCASE -> text -> text.toLowerCase(Locale.ROOT);
            case STRIP_PUNCTUATION -> text -> PUNCTUATION.matcher(text).replaceAll("");
            case MASK_URLS -> text -> URL.matcher(text).replaceAll(Matcher.quoteReplacement(masks.url()));
            case MASK_EMAILS -> text -> EMAIL.matcher(text).replaceAll(Matcher.quoteReplacement(masks.email()));
            case MASK_NUMBERS -> text -> NUMBER.matcher(text).replaceAll(Matcher.quoteReplacement(masks.number()));
        };
    }

    static String repairCp1252(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(CP1252_C1[c - 0x80]);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    static String stripControl(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean control = type == Character.CONTROL || type == Character.FORMAT;
            if (control && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (!control) {
                out.append(c);
            } else if (Character.isWhitespace(c)) {
                out.append(' ');
            }
        }
        return out == null ? text : out.toString();
    }

    static String unescapeHtml(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher matcher = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(entity(matcher.group(1), matcher.group())));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String entity(String body, String whole) {
        if (body.charAt(0) != '#') {
            return NAMED_ENTITIES.getOrDefault(body.toLowerCase(Locale.ROOT), whole);
        }
        boolean hex = body.length() > 1 && (body.charAt(1) == 'x' || body.charAt(1) == 'X');
        int codePoint = Integer.parseInt(body.substring(hex ? 2 : 1), hex ? 16 : 10);
        return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : whole;
    }

    /** What each byte 0x80..0x9F means in Windows-1252; bytes it leaves undefined stay as they are. */
    private static char[] cp1252ForC1() {
        Charset cp1252 = Charset.forName("windows-1252");
        char[] table = new char[0x20];
        for (int b = 0x80; b <= 0x9F; b++) {
            String decoded = new String(new byte[] {(byte) b}, cp1252);
            char c = decoded.charAt(0);
            table[b - 0x80] = c == '\uFFFD' ? (char) b : c;
        }
        return table;
    }
}
