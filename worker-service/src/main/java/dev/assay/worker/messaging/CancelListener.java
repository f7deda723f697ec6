package dev.assay.worker.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import dev.assay.protocol.CancelJob;
import dev.assay.worker.job.ActiveJobs;
import dev.assay.worker.job.CancelledJobs;

/**
 * Hears cancel broadcasts on this worker's control queue: stops the job if it runs here, and remembers the cancel so
 * that the job's request, should it arrive later, is dropped without starting.
 */
@Component
class CancelListener {

    private static final Logger log = LoggerFactory.getLogger(CancelListener.class);

    private final ActiveJobs activeJobs;
    private final CancelledJobs cancelledJobs;

    CancelListener(ActiveJobs activeJobs, CancelledJobs cancelledJobs) {
        this.activeJobs = activeJobs;
        this.cancelledJobs = cancelledJobs;
    }

    @RabbitListener(queues = "#{workerControlQueue.name}")
    void onCancel(CancelJob cancel) {
        if (cancel.jobId() == null) {
            return;
        }
        cancelledJobs.remember(cancel);
        if (activeJobs.cancel(cancel.jobId())) {
            log.info("Cancelling job {}", cancel.jobId());
        }
    }
}
