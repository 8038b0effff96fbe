package dev.peft4j.bench.plan;

import dev.peft4j.core.model.TensorFlowDevice;
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

    /**
     * The device of this build, once TensorFlow has shown it runs there: its GPU build falls back to the CPU silently
     * when it finds no usable GPU, and CPU figures must not be reported as GPU ones.
     *
     * @param matMulDevice where TensorFlow ran a matrix product in this process ({@code TensorFlowDevice.ofMatMul()})
     * @throws IllegalStateException a GPU build whose products ran on the CPU, with what to check
     */
    public static Device ofBuildRunningOn(String matMulDevice) {
        return checked(ofBuild(), matMulDevice);
    }

    static Device checked(Device built, String matMulDevice) {
        if (built == GPU && !TensorFlowDevice.isGpu(matMulDevice)) {
            throw new IllegalStateException(TensorFlowDevice.cpuFallback(matMulDevice)
                    + ", or build the bench without -Pgpu for CPU figures");
        }
        return built;
    }

    static Device fromClassifier(String classifier) {
        if (classifier.isBlank() || classifier.startsWith("${")) {
            throw new IllegalStateException("the build recorded no TensorFlow native classifier ('" + classifier
                    + "'): build the bench with Maven (run-bench.sh does)");
        }
        return classifier.endsWith("-gpu") ? GPU : CPU;
    }
}
