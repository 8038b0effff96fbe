package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

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
    void onlyAGpuIsAGpu() {
        assertThat(TensorFlowDevice.isGpu("GPU:0")).isTrue();
        assertThat(TensorFlowDevice.isGpu("CPU:0")).isFalse();
    }
}
