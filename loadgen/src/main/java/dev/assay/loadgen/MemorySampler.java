package dev.assay.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the resident memory ({@code VmRSS} of {@code /proc/<pid>/status}) of a process on this machine every
 * 250 ms and keeps the largest value. Linux only.
 */
final class MemorySampler {

    private static final Logger log = LoggerFactory.getLogger(MemorySampler.class);

    private final Path status;
    private final AtomicLong maxKilobytes = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "memory-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private MemorySampler(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    static MemorySampler start(long pid) {
        MemorySampler sampler = new MemorySampler(pid);
        if (!Files.isReadable(sampler.status)) {
            throw new IllegalArgumentException("no process " + pid + " to sample (" + sampler.status + ")");
        }
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, 250, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() {
        try {
            long kilobytes = residentKilobytes(Files.readString(status));
            maxKilobytes.accumulateAndGet(kilobytes, Math::max);
        } catch (IOException e) {
            log.debug("cannot read {}", status, e);
        }
    }

    /** The {@code VmRSS} line of a {@code /proc/<pid>/status} text, in kB; 0 when it has none. */
    static long residentKilobytes(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        }
        return 0;
    }

    void stop() {
        timer.shutdownNow();
        sample();
    }

    double maxResidentMegabytes() {
        return maxKilobytes.get() / 1024.0;
    }
}
