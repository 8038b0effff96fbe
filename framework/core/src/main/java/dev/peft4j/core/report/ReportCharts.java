package dev.peft4j.core.report;

import dev.peft4j.core.eval.ConfusionMatrix;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn by XChart and returned as PNG {@code data:} URIs, so the page needs no network. (XChart's
 * SVG output draws every glyph as a path: about ten times the size of the PNG.)
 */
final class ReportCharts {

    static final int WIDTH = 560;
    static final int HEIGHT = 320;
    private static final int SCALE = 2;
    /** Longer curves are averaged over buckets down to this many points. */
    private static final int MAX_POINTS = 1000;
    private static final Color TRAIN = new Color(0x1f, 0x77, 0xb4);
    private static final Color VALID = new Color(0xd6, 0x27, 0x28);

    /** A chart as a data URI, with the size to display it at. */
    record Image(String dataUri, int width, int height) {
    }

    private ReportCharts() {
    }

    static Image lossChart(TrainingHistory h) {
        XYChart chart = lineChart("Loss", "optimizer step", "loss", h);
        List<TrainingHistory.Point> train = downsample(h.trainingLoss());
        if (!train.isEmpty()) {
            XYSeries s = chart.addSeries("training", steps(train), values(train));
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(TRAIN);
        }
        List<TrainingHistory.Point> valid = h.evaluationCurve("loss");
        if (!valid.isEmpty()) {
            XYSeries s = chart.addSeries("validation", steps(valid), values(valid));
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(VALID);
            s.setLineColor(VALID);
        }
        return png(chart);
    }

    static Image metricsChart(TrainingHistory h) {
        XYChart chart = lineChart("Validation metrics", "optimizer step", "value", h);
        for (String name : h.metricNames()) {
            List<TrainingHistory.Point> curve = h.evaluationCurve(name);
            XYSeries s = chart.addSeries(name, steps(curve), values(curve));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return png(chart);
    }

    static Image learningRateChart(TrainingHistory h) {
        XYChart chart = lineChart("Learning rate", "optimizer step", "learning rate", h);
        chart.getStyler().setYAxisDecimalPattern("0.0E0");
        chart.getStyler().setLegendVisible(false);
        List<TrainingHistory.Point> rate = downsample(h.learningRate());
        XYSeries s = chart.addSeries("learning rate", steps(rate), values(rate));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(TRAIN);
        return png(chart);
    }

    /** Gold classes top to bottom, predicted classes left to right, cells labelled with their counts. */
    static Image confusionHeatMap(ConfusionMatrix m) {
        int k = m.classNames().size();
        int side = Math.min(720, Math.max(320, 120 + 70 * k));
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 40).height(side).title("Confusion matrix")
                .xAxisTitle("predicted").yAxisTitle("gold").build();
        var styler = chart.getStyler();
        styler.setChartTitleVisible(false);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setShowValue(true);
        styler.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, k > 12 ? 9 : 13));
        // Light to medium blue: the black counts stay readable on the darkest cell.
        styler.setRangeColors(new Color[] {new Color(0xf7, 0xfb, 0xff), new Color(0x9e, 0xca, 0xe1),
            new Color(0x42, 0x92, 0xc6)});
        styler.setMin(0);
        styler.setHeatMapValueDecimalPattern("#");
        styler.setLegendVisible(false);
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        List<String> gold = new ArrayList<>(m.classNames());
        Collections.reverse(gold);
        List<Number[]> cells = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            for (int p = 0; p < k; p++) {
                cells.add(new Number[] {p, k - 1 - g, m.count(g, p)});
            }
        }
        chart.addSeries("rows", m.classNames(), gold, cells);
        return png(chart);
    }

    private static XYChart lineChart(String title, String x, String y, TrainingHistory h) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        var styler = chart.getStyler();
        // An explicit range ending on a round number makes XChart choose round ticks instead of labelling data points
        // until they overlap.
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(roundedUp(lastStep(h)));
        styler.setXAxisTickMarkSpacingHint(90);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xe0, 0xe0, 0xe0));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setMarkerSize(6);
        return chart;
    }

    private static long lastStep(TrainingHistory h) {
        long last = 0;
        for (TrainingHistory.Point p : h.trainingLoss()) {
            last = Math.max(last, p.step());
        }
        for (TrainingHistory.Evaluation e : h.evaluations()) {
            last = Math.max(last, e.step());
        }
        return last;
    }

    /** The smallest multiple of a 1-2-2.5-5 step (about a fifth of the value) that is >= value. */
    static double roundedUp(long value) {
        double raw = Math.max(1, value) / 5.0;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * 10;
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * magnitude >= raw) {
                step = f * magnitude;
                break;
            }
        }
        step = Math.max(1, step);
        return Math.ceil(Math.max(1, value) / step) * step;
    }

    static List<TrainingHistory.Point> downsample(List<TrainingHistory.Point> points) {
        if (points.size() <= MAX_POINTS) {
            return points;
        }
        List<TrainingHistory.Point> out = new ArrayList<>(MAX_POINTS);
        double bucket = (double) points.size() / MAX_POINTS;
        for (int b = 0; b < MAX_POINTS; b++) {
            int from = (int) Math.floor(b * bucket);
            int to = (int) Math.floor((b + 1) * bucket);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += points.get(i).value();
            }
            out.add(new TrainingHistory.Point(points.get(to - 1).step(), sum / (to - from)));
        }
        return out;
    }

    private static double[] steps(List<TrainingHistory.Point> points) {
        return points.stream().mapToDouble(TrainingHistory.Point::step).toArray();
    }

    private static double[] values(List<TrainingHistory.Point> points) {
        return points.stream().mapToDouble(TrainingHistory.Point::value).toArray();
    }

    /** Paints at twice the display size, so the PNG stays sharp on high-density screens. */
    private static Image png(Chart<?, ?> chart) {
        BufferedImage image = new BufferedImage(chart.getWidth() * SCALE, chart.getHeight() * SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.scale(SCALE, SCALE);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
        return new Image("data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray()),
                chart.getWidth(), chart.getHeight());
    }
}
