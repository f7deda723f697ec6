package dev.assay.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemorySamplerTest {

    @Test
    void readsResidentMemoryFromProcStatus() {
        assertThat(MemorySampler.residentKilobytes("Name:\tjava\nVmHWM:\t  999 kB\nVmRSS:\t  412345 kB\n"))
                .isEqualTo(412_345);
        assertThat(MemorySampler.residentKilobytes("Name:\tkthreadd\n")).isZero();
    }

    @Test
    void samplesThisProcess() {
        MemorySampler sampler = MemorySampler.start(ProcessHandle.current().pid());
        sampler.stop();
        assertThat(sampler.maxResidentMegabytes()).isGreaterThan(1);
    }
}
