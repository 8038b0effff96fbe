package dev.peft4j.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceTest {

    @Test
    void theGpuProfilesNativeBuildSelectsTheGpuAndItsLargerBatch() {
        assertThat(Device.fromClassifier("linux-x86_64-gpu")).isEqualTo(Device.GPU);
        assertThat(Device.GPU.batchFactor()).isEqualTo(4);
        assertThat(Device.fromClassifier("linux-x86_64")).isEqualTo(Device.CPU);
        assertThat(Device.CPU.batchFactor()).isEqualTo(1);
    }

    @Test
    void thisBuildRecordedItsNativeClassifier() {
        // Maven filtered build.properties; a build without -Pgpu runs on the CPU.
        assertThat(Device.ofBuild()).isIn(Device.CPU, Device.GPU);
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

    @Test
    void anUnfilteredRecordIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> Device.fromClassifier("${tensorflow.native.classifier}"))
                .hasMessageContaining("build the bench with Maven");
    }
}
