package dev.peft4j.core.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small HTML building blocks with escaping. */
final class Html {

    private Html() {
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A two-column table of already formatted values. */
    static String keyValueTable(Map<String, String> rows) {
        StringBuilder b = new StringBuilder("<table class=\"kv\">");
        rows.forEach((k, v) -> b.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v))
                .append("</td></tr>"));
        return b.append("</table>").toString();
    }

    /** Maps as nested key/value tables, lists of scalars inline, lists of maps as nested tables. */
    static String value(Object v) {
        if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "<span class=\"muted\">none</span>";
            }
            StringBuilder b = new StringBuilder("<table class=\"kv nested\">");
            map.forEach((k, x) -> b.append("<tr><th>").append(escape(String.valueOf(k))).append("</th><td>")
                    .append(value(x)).append("</td></tr>"));
            return b.append("</table>").toString();
        }
        if (v instanceof List<?> list) {
            boolean scalars = list.stream().noneMatch(x -> x instanceof Map<?, ?> || x instanceof List<?>);
            if (scalars) {
                return escape(String.join(", ", list.stream().map(Html::scalar).toList()));
            }
            StringBuilder b = new StringBuilder();
            list.forEach(x -> b.append(value(x)));
            return b.toString();
        }
        return escape(scalar(v));
    }

    private static String scalar(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%,.0f", d)
                    : String.format(Locale.ROOT, "%.4g", d);
        }
        if (v instanceof Long || v instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
        }
        return String.valueOf(v);
    }
}
