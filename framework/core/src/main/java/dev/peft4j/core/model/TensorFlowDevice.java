package dev.peft4j.core.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * The device TensorFlow runs matrix products on in this process, found by running one and reading where it ran.
 * TensorFlow's GPU build falls back to the CPU without an error when it finds no usable GPU (no driver, no CUDA
 * libraries: it only logs {@code failed call to cuInit}), so the build alone does not say where a run trains.
 */
public final class TensorFlowDevice {

    /** The device part of a step-stats device name, e.g. {@code GPU:0} in {@code /job:localhost/.../device:GPU:0}. */
    private static final Pattern DEVICE = Pattern.compile(".*/device:([A-Za-z_]+:\\d+)$");

    static final String UNKNOWN = "unknown";
    /** A folder only the GPU build's native jar has. */
    static final String GPU_NATIVES = "org/tensorflow/internal/c_api/linux-x86_64-gpu/";

    private TensorFlowDevice() {
    }

    /** Probed when first asked for (the holder class initialises once, thread-safely). */
    private static final class Probed {
        static final String MAT_MUL_DEVICE = probe();
    }

    /**
     * {@code GPU:0} when a GPU runs TensorFlow's matrix products here, {@code CPU:0} otherwise, {@code unknown} when
     * TensorFlow's statistics did not say (a record of where a run went, never a reason for it to fail); probed once.
     */
    public static String ofMatMul() {
        return Probed.MAT_MUL_DEVICE;
    }

    public static boolean isGpu(String device) {
        return device.startsWith("GPU:");
    }

    /** Whether TensorFlow's GPU natives (classifier {@code linux-x86_64-gpu}, Maven's {@code gpu} profile) are here. */
    public static boolean gpuBuild() {
        return TensorFlowDevice.class.getClassLoader().getResource(GPU_NATIVES) != null;
    }

    /** A warning to print when TensorFlow's GPU build runs on the CPU; empty otherwise. */
    public static Optional<String> cpuFallbackWarning() {
        return gpuBuild() && !isGpu(ofMatMul()) ? Optional.of("warning: " + cpuFallback(ofMatMul()))
                : Optional.empty();
    }

    /** What a GPU build that ran on {@code device} says, and what to check. */
    public static String cpuFallback(String device) {
        return "TensorFlow's GPU build is on the class path, but it ran a matrix product on " + device + ": it found"
                + " no usable GPU (its log above says why, e.g. 'failed call to cuInit'). Check nvidia-smi and the CUDA"
                + " and cuDNN libraries TensorFlow " + TensorFlow.version() + " needs";
    }

    private static String probe() {
        try (Graph graph = new Graph(); Session session = new Session(graph);
                TFloat32 matrix = TFloat32.tensorOf(StdArrays.ndCopyOf(new float[][] {{1f, 2f}, {3f, 4f}}))) {
            Ops tf = Ops.create(graph);
            // Fed, not a constant: Grappler would fold a product of constants away before it ran anywhere.
            Placeholder<TFloat32> square = tf.placeholder(TFloat32.class);
            Operand<TFloat32> product = tf.withName("device_probe").linalg.matMul(square, square);
            RunOptions traced = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
            try (Result result = session.runner().feed(square, matrix).fetch(product).setOptions(traced)
                    .runAndFetchMetadata()) {
                List<DeviceStepStats> devices = result.getMetadata()
                        .map(metadata -> metadata.getStepStats().getDevStatsList()).orElse(List.of());
                for (DeviceStepStats stats : devices) {
                    boolean ranProduct = stats.getNodeStatsList().stream()
                            .anyMatch(node -> node.getNodeName().equals("device_probe"));
                    String device = deviceOf(stats.getDevice());
                    if (ranProduct && device != null) {
                        return device;
                    }
                }
            }
        }
        return UNKNOWN;
    }

    /** {@code GPU:0} for {@code /job:localhost/replica:0/task:0/device:GPU:0}; null for a stream or another entry. */
    static String deviceOf(String stepStatsDevice) {
        Matcher m = DEVICE.matcher(stepStatsDevice);
        return m.matches() ? m.group(1) : null;
    }
}
