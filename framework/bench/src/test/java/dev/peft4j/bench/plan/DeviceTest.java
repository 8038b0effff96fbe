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
    void anUnfilteredRecordIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> Device.fromClassifier("${tensorflow.native.classifier}"))
                .hasMessageContaining("build the bench with Maven");
    }
}
