package dev.peft4j.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.peft4j.core.model.TensorFlowDevice;
import org.junit.jupiter.api.Test;

class DeviceTest {

    @Test
    void theGpuNativesSelectTheGpuAndItsLargerBatch() {
        assertThat(Device.ofBuild(true)).isEqualTo(Device.GPU);
        assertThat(Device.GPU.batchFactor()).isEqualTo(4);
        assertThat(Device.ofBuild(false)).isEqualTo(Device.CPU);
        assertThat(Device.CPU.batchFactor()).isEqualTo(1);
    }

    @Test
    void aBuildWithTheCpuNativesRunsTheBenchOnTheCpu() {
        // Surefire passes the classifier Maven built with; under -Pgpu it is linux-x86_64-gpu.
        assumeThat(System.getProperty("peft4j.tensorflow.classifier", "")).isEqualTo("linux-x86_64");

        assertThat(Device.ofBuildRunningOn(TensorFlowDevice.ofMatMul())).isEqualTo(Device.CPU);
    }

    @Test
    void aGpuBuildWhoseProductsRanOnTheCpuIsRefusedWithWhatToCheck() {
        assertThatThrownBy(() -> Device.checked(Device.GPU, "CPU:0"))
                .hasMessageContaining("ran a matrix product on CPU:0")
                .hasMessageContaining("nvidia-smi")
                .hasMessageContaining("without -Pgpu");
        assertThat(Device.checked(Device.GPU, "GPU:0")).isEqualTo(Device.GPU);
        assertThat(Device.checked(Device.CPU, "CPU:0")).isEqualTo(Device.CPU);
    }
}
