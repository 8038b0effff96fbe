package dev.peft4j.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessProbeTest {

    @Test
    void readsThePeakResidentSetFromTheStatusLines() {
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmHWM:\t  123456 kB", "VmRSS:\t 1000 kB");
        assertThat(ProcessProbe.statusKilobytes(status, "VmHWM")).isEqualTo(123_456L);
    }

    @Test
    void aMissingKeySaysWhichOne() {
        assertThatThrownBy(() -> ProcessProbe.statusKilobytes(List.of("Name:\tjava"), "VmHWM"))
                .hasMessageContaining("VmHWM");
    }

    @Test
    void theLoadAverageIsTheFirstFieldOfProcLoadavg() {
        assertThat(ProcessProbe.parseLoadAverage("3.25 2.10 1.00 3/456 7890\n")).isEqualTo(3.25);
    }

    @Test
    void thisProcessHasAPeakResidentSet() {
        assertThat(ProcessProbe.peakResidentBytes()).isGreaterThan(1_000_000L);
    }
}
