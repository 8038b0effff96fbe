package dev.peft4j.core.report;

import dev.peft4j.core.eval.ConfusionMatrix;
import dev.peft4j.core.train.checkpoint.AtomicFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code report.html}: one self-contained page (inline CSS, charts as PNG data URIs, no script, no network)
 * that opens offline in any browser.
 */
public final class ReportWriter {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#1b1f24;\
            background:#f6f8fa}
            main{max-width:1180px;margin:0 auto;padding:24px 32px 48px}
            h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 12px;border-bottom:1px solid #d0d7de;\
            padding-bottom:6px}
            .sub,.muted{color:#57606a}.sub{margin:0 0 20px;font-size:14px}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin-top:16px}
            .card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;min-width:150px}
            .card .label{font-size:12px;color:#57606a;text-transform:uppercase;letter-spacing:.04em}
            .card .value{font-size:22px;font-weight:600;margin-top:4px}
            .charts{display:flex;flex-wrap:wrap;gap:16px}
            .charts img,.figure img{background:#fff;border:1px solid #d0d7de;border-radius:8px;max-width:100%;height:auto}
            table{border-collapse:collapse;background:#fff;font-size:14px}
            th,td{border:1px solid #d0d7de;padding:5px 10px;text-align:left;vertical-align:top}
            th{background:#f0f3f6;font-weight:600}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            table.nested{margin:2px 0}
            table.confusion td{text-align:right;min-width:44px;font-variant-numeric:tabular-nums}
            table.confusion td.diag{font-weight:700}
            pre{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;overflow:auto;font-size:13px;\
            line-height:1.45}
            nav a{margin-right:14px;color:#0969da;text-decoration:none;font-size:14px}
            """;

    private ReportWriter() {
    }

    /** Renders the report and writes it atomically. */
    public static void write(Path file, RunReport report) {
        String html = render(report);
        AtomicFiles.writeString(file, html);
    }

    static String render(RunReport r) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(r.title())).append(" · peft4j run report</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        b.append("<h1>").append(Html.escape(r.title())).append("</h1>\n<p class=\"sub\">peft4j run report, written ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
                .append("</p>\n");
        b.append("<nav><a href=\"#training\">Training</a>")
                .append(r.confusion() != null ? "<a href=\"#confusion\">Confusion matrix</a>" : "")
                .append("<a href=\"#metrics\">Final metrics</a><a href=\"#timing\">Timing</a>")
                .append("<a href=\"#parameters\">Parameters</a><a href=\"#data\">Data</a>")
                .append("<a href=\"#config\">Configuration</a></nav>\n");
        cards(b, r);
        training(b, r.history());
        if (r.confusion() != null) {
            confusion(b, r.confusion());
        }
        b.append("<h2 id=\"metrics\">Final metrics</h2>\n");
        if (r.finalMetrics().isEmpty()) {
            b.append("<p class=\"muted\">No final metrics were recorded.</p>\n");
        } else {
            b.append("<table><tr><th>metric</th><th>value</th></tr>");
            r.finalMetrics().forEach((k, v) -> b.append("<tr><td>").append(Html.escape(k)).append("</td><td class=\"num\">")
                    .append(metric(v)).append("</td></tr>"));
            b.append("</table>\n");
        }
        b.append("<h2 id=\"timing\">Timing</h2>\n").append(Html.keyValueTable(timing(r.timing()))).append('\n');
        b.append("<h2 id=\"parameters\">Parameters</h2>\n").append(Html.keyValueTable(parameters(r.parameters())))
                .append('\n');
        b.append("<h2 id=\"data\">Data</h2>\n")
                .append(r.dataReport().isEmpty() ? "<p class=\"muted\">No data report was given.</p>" : Html.value(r.dataReport()))
                .append('\n');
        b.append("<h2 id=\"config\">Configuration</h2>\n<pre>").append(Html.escape(r.resolvedConfig())).append("</pre>\n");
        b.append("</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void cards(StringBuilder b, RunReport r) {
        Map<String, String> cards = new LinkedHashMap<>();
        r.finalMetrics().entrySet().stream().filter(e -> !e.getKey().equals("loss")).limit(3)
                .forEach(e -> cards.put(e.getKey(), metric(e.getValue())));
        cards.put("trainable parameters", String.format(Locale.ROOT, "%.2f%%", 100 * r.parameters().trainableFraction()));
        cards.put("tokens / s", String.format(Locale.ROOT, "%,.0f", r.timing().tokensPerSecond()));
        cards.put("wall time", duration(r.timing().wallSeconds()));
        r.timing().peakRssBytes().ifPresent(m -> cards.put("peak memory", bytes(m)));
        b.append("<div class=\"cards\">");
        cards.forEach((k, v) -> b.append("<div class=\"card\"><div class=\"label\">").append(Html.escape(k))
                .append("</div><div class=\"value\">").append(Html.escape(v)).append("</div></div>"));
        b.append("</div>\n");
    }

    private static void training(StringBuilder b, TrainingHistory h) {
        b.append("<h2 id=\"training\">Training</h2>\n");
        if (h.trainingLoss().isEmpty() && h.evaluations().isEmpty()) {
            b.append("<p class=\"muted\">The run logged no training steps.</p>\n");
            return;
        }
        b.append("<div class=\"charts\">");
        image(b, ReportCharts.lossChart(h), "training and validation loss by optimizer step");
        if (!h.metricNames().isEmpty()) {
            image(b, ReportCharts.metricsChart(h), "validation metrics by optimizer step");
        }
        if (!h.learningRate().isEmpty()) {
            image(b, ReportCharts.learningRateChart(h), "learning rate by optimizer step");
        }
        b.append("</div>\n");
    }

    private static void confusion(StringBuilder b, ConfusionMatrix m) {
        b.append("<h2 id=\"confusion\">Confusion matrix</h2>\n<div class=\"figure\">");
        image(b, ReportCharts.confusionHeatMap(m), "confusion matrix heat map, gold rows by predicted columns");
        b.append("</div>\n<p class=\"muted\">Rows: gold class; columns: predicted class.</p>\n");
        b.append("<table class=\"confusion\"><tr><th>gold \\ predicted</th>");
        m.classNames().forEach(c -> b.append("<th>").append(Html.escape(c)).append("</th>"));
        b.append("</tr>");
        for (int g = 0; g < m.classNames().size(); g++) {
            b.append("<tr><th>").append(Html.escape(m.classNames().get(g))).append("</th>");
            for (int p = 0; p < m.classNames().size(); p++) {
                b.append(g == p ? "<td class=\"diag\">" : "<td>").append(String.format(Locale.ROOT, "%,d", m.count(g, p)))
                        .append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table>\n");
    }

    private static void image(StringBuilder b, ReportCharts.Image image, String alt) {
        b.append("<img src=\"").append(image.dataUri()).append("\" alt=\"").append(Html.escape(alt))
                .append("\" width=\"").append(image.width()).append("\" height=\"").append(image.height()).append("\">");
    }

    private static Map<String, String> timing(Timing t) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("wall time", duration(t.wallSeconds()));
        rows.put("training time", duration(t.trainingSeconds()));
        rows.put("tokens trained on", String.format(Locale.ROOT, "%,d", t.tokens()));
        rows.put("tokens per second", String.format(Locale.ROOT, "%,.1f", t.tokensPerSecond()));
        rows.put("peak memory (resident)", t.peakRssBytes().isPresent() ? bytes(t.peakRssBytes().getAsLong()) : "not reported");
        return rows;
    }

    private static Map<String, String> parameters(ParameterCounts p) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("total", String.format(Locale.ROOT, "%,d", p.total()));
        rows.put("trainable", String.format(Locale.ROOT, "%,d", p.trainable()));
        rows.put("frozen", String.format(Locale.ROOT, "%,d", p.total() - p.trainable()));
        rows.put("trainable share", String.format(Locale.ROOT, "%.4f%%", 100 * p.trainableFraction()));
        return rows;
    }

    private static String metric(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }

    static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", n / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
    }

    static String duration(double seconds) {
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh %02dm %02ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
        }
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
