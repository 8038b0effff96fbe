package dev.peft4j.core.data.split;

import com.typesafe.config.Config;
import dev.peft4j.core.data.ConfigReads;
import java.util.List;
import java.util.Objects;

/**
 * How splits are made when files are not given for them, and how overlap between splits is handled.
 *
 * @param ratios        train, validation and test fractions of all rows; a split whose file is given takes none
 * @param stratifyBins  regression targets are stratified by this many quantile bins
 */
public record SplitSettings(List<Double> ratios, int stratifyBins, OverlapPolicy overlap) {

    private static final double TOLERANCE = 1e-6;

    public SplitSettings {
        ratios = List.copyOf(ratios);
        Objects.requireNonNull(overlap, "data.split.overlap");
        if (ratios.size() != SplitName.values().length) {
            throw new IllegalArgumentException("data.split.ratios needs three fractions (train, validation, test),"
                    + " got " + ratios);
        }
        double sum = 0;
        for (double ratio : ratios) {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new IllegalArgumentException("data.split.ratios must lie in [0, 1], got " + ratios);
            }
            sum += ratio;
        }
        if (Math.abs(sum - 1) > TOLERANCE) {
            throw new IllegalArgumentException("data.split.ratios must sum to 1, got " + ratios + " (sum " + sum + ")");
        }
        if (ratios.get(0) <= 0) {
            throw new IllegalArgumentException("data.split.ratios gives train nothing: " + ratios);
        }
        if (stratifyBins < 1) {
            throw new IllegalArgumentException("data.split.stratify-bins must be at least 1, got " + stratifyBins);
        }
    }

    public double ratio(SplitName split) {
        return ratios.get(split.ordinal());
    }

    /** Reads {@code split.*} from the {@code data} block. */
    public static SplitSettings from(Config data) {
        return new SplitSettings(data.getDoubleList("split.ratios"), data.getInt("split.stratify-bins"),
                ConfigReads.enumValue(data, "split.overlap", OverlapPolicy.class));
    }
}
