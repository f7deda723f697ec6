package dev.assay.worker.messaging;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.assay.worker.job.ActiveJobs;

/**
 * Ends the jobs still running when the worker stops. The job consumers stop first (a higher lifecycle phase) and
 * give running jobs the shutdown timeout to finish; jobs still running after it are already acked (claimed), so
 * closing the consumers' channels does not give them back: this interrupts their threads, and each job is handed
 * back to the queue by its listener while the broker connection is still open.
 */
@Component
class RunningJobsStopper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunningJobsStopper.class);
    /** How long the interrupted jobs get to hand themselves back. */
    private static final Duration HAND_BACK_TIMEOUT = Duration.ofSeconds(10);

    private final ActiveJobs activeJobs;
    private volatile boolean running;

    RunningJobsStopper(ActiveJobs activeJobs) {
        this.activeJobs = activeJobs;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        int interrupted = activeJobs.interruptAll();
        if (interrupted == 0) {
            return;
        }
        log.info("Handing back {} job(s) still running at shutdown", interrupted);
        long deadline = System.nanoTime() + HAND_BACK_TIMEOUT.toNanos();
        while (activeJobs.count() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below the listener containers' phase ({@code Integer.MAX_VALUE}), above the heartbeats' (0). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2;
    }
}
