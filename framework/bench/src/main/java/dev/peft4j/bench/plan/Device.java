package dev.peft4j.bench.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where the TensorFlow engines run, as the build chose it: Maven's {@code gpu} profile puts TensorFlow's CUDA natives
 * on the class path (classifier {@code linux-x86_64-gpu}); the bench then takes larger batches. The PyTorch engines run
 * on the CPU either way: only libtorch's CPU build is on the class path.
 */
public enum Device {
    CPU(1),
    GPU(4);

    /** Written by Maven resource filtering: the TensorFlow native classifier the bench was built with. */
    static final String BUILD_INFO = "/dev/peft4j/bench/build.properties";

    private final int batchFactor;

    Device(int batchFactor) {
        this.batchFactor = batchFactor;
    }

    /** How many times the CPU batch a step takes on this device. */
    public int batchFactor() {
        return batchFactor;
    }

    /** The device of this build. */
    public static Device ofBuild() {
        try (InputStream in = Device.class.getResourceAsStream(BUILD_INFO)) {
            if (in == null) {
                throw new IllegalStateException(BUILD_INFO + " is missing from the class path: build the bench with "
                        + "Maven (run-bench.sh does)");
            }
            Properties p = new Properties();
            p.load(in);
            return fromClassifier(p.getProperty("tensorflow.native.classifier", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILD_INFO, e);
        }
    }

    static Device fromClassifier(String classifier) {
        if (classifier.isBlank() || classifier.startsWith("${")) {
            throw new IllegalStateException("the build recorded no TensorFlow native classifier ('" + classifier
                    + "'): build the bench with Maven (run-bench.sh does)");
        }
        return classifier.endsWith("-gpu") ? GPU : CPU;
    }
}
