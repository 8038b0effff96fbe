package dev.peft4j.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peft4j.core.train.progress.JsonlLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The curves of a run, read back from its {@code log.jsonl}. */
public record TrainingHistory(List<Point> trainingLoss, List<Point> learningRate, List<Evaluation> evaluations) {

    /** A value at an optimizer step. */
    public record Point(long step, double value) {
    }

    /** The metrics of one evaluation. */
    public record Evaluation(long step, Map<String, Double> metrics) {
        public Evaluation {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    public TrainingHistory {
        trainingLoss = List.copyOf(trainingLoss);
        learningRate = List.copyOf(learningRate);
        evaluations = List.copyOf(evaluations);
    }

    public static TrainingHistory fromLog(Path logJsonl) {
        List<Point> loss = new ArrayList<>();
        List<Point> rate = new ArrayList<>();
        List<Evaluation> evaluations = new ArrayList<>();
        for (JsonNode line : JsonlLog.read(logJsonl)) {
            long step = line.path("step").asLong();
            switch (line.path("event").asText()) {
                case "step" -> {
                    if (line.path("loss").isNumber()) {
                        loss.add(new Point(step, line.path("loss").asDouble()));
                    }
                    if (line.path("learning_rate").isNumber()) {
                        rate.add(new Point(step, line.path("learning_rate").asDouble()));
                    }
                }
                case "eval" -> {
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> m : line.path("metrics").properties()) {
                        if (m.getValue().isNumber()) {
                            metrics.put(m.getKey(), m.getValue().asDouble());
                        }
                    }
                    evaluations.add(new Evaluation(step, metrics));
                }
                default -> {
                    // start and end lines carry no curve
                }
            }
        }
        return new TrainingHistory(loss, rate, evaluations);
    }

    /** Names of the evaluation metrics other than loss, in first-seen order. */
    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        for (Evaluation e : evaluations) {
            for (String n : e.metrics().keySet()) {
                if (!n.equals("loss") && !names.contains(n)) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /** The curve of one evaluation metric. */
    public List<Point> evaluationCurve(String metric) {
        List<Point> points = new ArrayList<>();
        for (Evaluation e : evaluations) {
            Double v = e.metrics().get(metric);
            if (v != null) {
                points.add(new Point(e.step(), v));
            }
        }
        return points;
    }
}
