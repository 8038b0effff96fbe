package dev.peft4j.bench.plan;

import dev.peft4j.core.model.TensorFlowDevice;

/**
 * Where the TensorFlow engines run, as the build chose it: Maven's {@code gpu} profile puts TensorFlow's CUDA natives
 * on the class path (classifier {@code linux-x86_64-gpu}, which core's {@link TensorFlowDevice#gpuBuild} detects); the
 * bench then takes larger batches. The PyTorch engines run on the CPU either way: only libtorch's CPU build is on the
 * class path.
 */
public enum Device {
    CPU(1),
    GPU(4);

    private final int batchFactor;

    Device(int batchFactor) {
        this.batchFactor = batchFactor;
    }

    /** How many times the CPU batch a step takes on this device. */
    public int batchFactor() {
        return batchFactor;
    }

    /**
     * The device of this build, once TensorFlow has shown it runs there: its GPU build falls back to the CPU silently
     * when it finds no usable GPU, and CPU figures must not be reported as GPU ones.
     *
     * @param matMulDevice where TensorFlow ran a matrix product in this process ({@code TensorFlowDevice.ofMatMul()})
     * @throws IllegalStateException a GPU build whose products ran on the CPU, with what to check
     */
    public static Device ofBuildRunningOn(String matMulDevice) {
        return checked(ofBuild(TensorFlowDevice.gpuBuild()), matMulDevice);
    }

    static Device ofBuild(boolean gpuNatives) {
        return gpuNatives ? GPU : CPU;
    }

    static Device checked(Device built, String matMulDevice) {
        if (built == GPU && !TensorFlowDevice.isGpu(matMulDevice)) {
            throw new IllegalStateException(TensorFlowDevice.cpuFallback(matMulDevice)
                    + ", or build the bench without -Pgpu for CPU figures");
        }
        return built;
    }
}
