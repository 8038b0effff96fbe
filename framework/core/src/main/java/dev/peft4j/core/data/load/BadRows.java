package dev.peft4j.core.data.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows that could not be read: counted by reason with the first few kept as examples, or fatal, per the policy. */
public final class BadRows {

    /** One rejected row: where it is, the short reason it is counted under, and the full explanation. */
    public record Sample(String file, long line, String reason, String detail) {
    }

    private final BadRowPolicy policy;
    private final int maxSamples;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    public BadRows(BadRowPolicy policy, int maxSamples) {
        this.policy = policy;
        this.maxSamples = maxSamples;
    }

    /**
     * Records a bad row, or throws when the policy is {@link BadRowPolicy#FAIL}.
     *
     * @param reason short category the row is counted under, e.g. {@code wrong column count}
     * @param detail what exactly is wrong with this row
     */
    public void reject(String file, long line, String reason, String detail) {
        if (policy == BadRowPolicy.FAIL) {
            throw new DataFileException(file, line, detail
                    + " (fix the row, or set data.on-bad-row = skip to skip and count such rows)");
        }
        counts.merge(reason, 1L, Long::sum);
        if (samples.size() < maxSamples) {
            samples.add(new Sample(file, line, reason, detail));
        }
    }

    public Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }
}
