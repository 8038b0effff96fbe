package dev.peft4j.core.eval;

import dev.peft4j.core.train.checkpoint.AtomicFiles;
import dev.peft4j.spi.metric.TaskType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code predictions.tsv}: one row per example, tab-separated, with a header. Tabs, newlines and backslashes in
 * text are escaped as {@code \t}, {@code \n}, {@code \r} and {@code \\}.
 * <ul>
 *   <li>classification: {@code text, gold, predicted, p(<class>)...} (gold empty when unlabelled)</li>
 *   <li>regression: {@code text, gold, predicted}</li>
 *   <li>causal LM: {@code text, tokens, nll, perplexity}</li>
 * </ul>
 */
public final class PredictionsTsv {

    private static final String TEXT = "text";

    private PredictionsTsv() {
    }

    /** Writes the table atomically. */
    public static void write(Path file, PredictionTable table) {
        AtomicFiles.write(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(String.join("\t", header(table)));
                w.write('\n');
                for (int i = 0; i < table.size(); i++) {
                    w.write(String.join("\t", row(table, i)));
                    w.write('\n');
                }
            }
        });
    }

    public static PredictionTable read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read predictions " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty; expected a predictions.tsv header line");
        }
        String[] header = lines.get(0).split("\t", -1);
        TaskType task = taskOf(header, file);
        List<String> classNames = new ArrayList<>();
        for (int c = 3; task == TaskType.CLASSIFICATION && c < header.length; c++) {
            classNames.add(unescape(header[c].substring(2, header[c].length() - 1)));
        }
        int n = lines.size() - 1;
        List<String> texts = new ArrayList<>(n);
        int[] gold = new int[n];
        int[] predicted = new int[n];
        double[][] probabilities = new double[n][];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            int lineNo = i + 2;
            String[] f = lines.get(i + 1).split("\t", -1);
            if (f.length != header.length) {
                throw new IllegalArgumentException(file + ":" + lineNo + " has " + f.length + " fields but the header has "
                        + header.length + "; was the file edited by hand?");
            }
            texts.add(unescape(f[0]));
            try {
                switch (task) {
                    case CLASSIFICATION -> {
                        gold[i] = f[1].isEmpty() ? -1 : classIndex(classNames, unescape(f[1]), file, lineNo);
                        predicted[i] = classIndex(classNames, unescape(f[2]), file, lineNo);
                        probabilities[i] = new double[classNames.size()];
                        for (int c = 0; c < classNames.size(); c++) {
                            probabilities[i][c] = Double.parseDouble(f[3 + c]);
                        }
                    }
                    case REGRESSION -> {
                        a[i] = f[1].isEmpty() ? Double.NaN : Double.parseDouble(f[1]);
                        b[i] = Double.parseDouble(f[2]);
                    }
                    case CAUSAL_LM -> {
                        a[i] = Double.parseDouble(f[1]);
                        b[i] = Double.parseDouble(f[2]);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + lineNo + " holds a value that is not a number: "
                        + e.getMessage(), e);
            }
        }
        return switch (task) {
            case CLASSIFICATION -> PredictionTable.classification(classNames, texts, gold, predicted, probabilities);
            case REGRESSION -> PredictionTable.regression(texts, a, b);
            case CAUSAL_LM -> PredictionTable.causalLm(texts, a, b);
        };
    }

    private static List<String> header(PredictionTable t) {
        List<String> h = new ArrayList<>(List.of(TEXT));
        switch (t.task()) {
            case CLASSIFICATION -> {
                h.add("gold");
                h.add("predicted");
                t.classNames().forEach(c -> h.add("p(" + escape(c) + ")"));
            }
            case REGRESSION -> h.addAll(List.of("gold", "predicted"));
            case CAUSAL_LM -> h.addAll(List.of("tokens", "nll", "perplexity"));
        }
        return h;
    }

    private static List<String> row(PredictionTable t, int i) {
        List<String> r = new ArrayList<>(List.of(escape(t.texts().get(i))));
        switch (t.task()) {
            case CLASSIFICATION -> {
                r.add(t.goldClasses()[i] < 0 ? "" : escape(t.classNames().get(t.goldClasses()[i])));
                r.add(escape(t.classNames().get(t.predictedClasses()[i])));
                for (double p : t.probabilities()[i]) {
                    r.add(String.format(Locale.ROOT, "%.6f", p));
                }
            }
            case REGRESSION -> {
                r.add(Double.isNaN(t.goldValues()[i]) ? "" : Float.toString((float) t.goldValues()[i]));
                r.add(Float.toString((float) t.predictedValues()[i]));
            }
            case CAUSAL_LM -> {
                double tokens = t.scoredTokens()[i];
                double nll = t.negativeLogLikelihoods()[i];
                r.add(Long.toString(Math.round(tokens)));
                r.add(Float.toString((float) nll));
                r.add(tokens > 0 ? String.format(Locale.ROOT, "%.4f", Math.exp(nll / tokens)) : "");
            }
        }
        return r;
    }

    private static TaskType taskOf(String[] h, Path file) {
        if (h.length >= 5 && h[0].equals(TEXT) && h[1].equals("gold") && h[2].equals("predicted") && h[3].startsWith("p(")) {
            return TaskType.CLASSIFICATION;
        }
        if (h.length == 3 && h[0].equals(TEXT) && h[1].equals("gold") && h[2].equals("predicted")) {
            return TaskType.REGRESSION;
        }
        if (h.length == 4 && h[0].equals(TEXT) && h[1].equals("tokens") && h[2].equals("nll")) {
            return TaskType.CAUSAL_LM;
        }
        throw new IllegalArgumentException(file + ":1 is not a predictions.tsv header: " + String.join(" | ", h)
                + "; expected text, gold, predicted, p(<class>)... or text, gold, predicted or text, tokens, nll, perplexity");
    }

    private static int classIndex(List<String> classNames, String name, Path file, int line) {
        int i = classNames.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(file + ":" + line + " names class '" + name + "', which is not one of "
                    + classNames + " from the header");
        }
        return i;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
