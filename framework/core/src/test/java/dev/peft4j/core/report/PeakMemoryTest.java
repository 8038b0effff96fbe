package dev.peft4j.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeakMemoryTest {

    @Test
    void readsVmHwmInBytes(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 100 kB\n");
        assertThat(PeakMemory.parse(status)).hasValue(123456L * 1024);
        assertThat(PeakMemory.parse(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void thisProcessHasAPeakOnLinux() {
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(PeakMemory.bytes().orElseThrow()).isGreaterThan(1L << 20);
        }
    }

    @Test
    void longCurvesAreAveragedAndAxesEndOnRoundNumbers() {
        java.util.List<TrainingHistory.Point> points = new java.util.ArrayList<>();
        for (int i = 1; i <= 5000; i++) {
            points.add(new TrainingHistory.Point(i, i % 2));
        }
        var down = ReportCharts.downsample(points);
        assertThat(down).hasSize(1000);
        assertThat(down.get(0).value()).isEqualTo(0.6); // steps 1-5: 1,0,1,0,1
        assertThat(down.get(999).step()).isEqualTo(5000);
        assertThat(ReportCharts.roundedUp(48)).isEqualTo(50);
        assertThat(ReportCharts.roundedUp(1234)).isEqualTo(1250);
        assertThat(ReportCharts.roundedUp(3)).isEqualTo(3);
    }
}
