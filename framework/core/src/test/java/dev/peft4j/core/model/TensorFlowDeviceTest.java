package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.junit.jupiter.api.Test;

class TensorFlowDeviceTest {

    @Test
    void aMatrixProductRunsOnADeviceTheStepStatisticsName() {
        String device = TensorFlowDevice.ofMatMul();

        assertThat(device).matches("(CPU|GPU):\\d+");
        assertThat(TensorFlowDevice.ofMatMul()).isSameAs(device);
    }

    @Test
    void theDeviceIsTheLastPartOfAStepStatisticsNameAndStreamsAreNotDevices() {
        assertThat(TensorFlowDevice.deviceOf("/job:localhost/replica:0/task:0/device:CPU:0")).isEqualTo("CPU:0");
        assertThat(TensorFlowDevice.deviceOf("/job:localhost/replica:0/task:0/device:GPU:1")).isEqualTo("GPU:1");
        assertThat(TensorFlowDevice.deviceOf("/device:GPU:0/stream:all")).isNull();
        assertThat(TensorFlowDevice.deviceOf("/device:GPU:0/memcpy")).isNull();
    }

    @Test
    void theGpuBuildIsDetectedAsTheBuildChoseItAndOnlyItCanWarn() {
        // Surefire passes the classifier Maven built with: linux-x86_64, or linux-x86_64-gpu under -Pgpu.
        String classifier = System.getProperty("peft4j.tensorflow.classifier", "");
        assumeThat(classifier).startsWith("linux-x86_64");

        assertThat(TensorFlowDevice.gpuBuild()).isEqualTo(classifier.endsWith("-gpu"));
        if (!TensorFlowDevice.gpuBuild()) {
            assertThat(TensorFlowDevice.cpuFallbackWarning()).isEmpty();
        }
    }

    @Test
    void aGpuBuildOnTheCpuSaysWhereItRanAndWhatToCheck() {
        assertThat(TensorFlowDevice.cpuFallback("CPU:0"))
                .contains("GPU build", "ran a matrix product on CPU:0", "failed call to cuInit", "nvidia-smi");
    }

    @Test
    void onlyAGpuIsAGpu() {
        assertThat(TensorFlowDevice.isGpu("GPU:0")).isTrue();
        assertThat(TensorFlowDevice.isGpu("CPU:0")).isFalse();
    }
}
