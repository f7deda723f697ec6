package dev.assay.worker.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import dev.assay.protocol.CancelJob;
import dev.assay.worker.job.ActiveJobs;

/** Hears cancel broadcasts on this worker's control queue and stops the job if it runs here. */
@Component
class CancelListener {

    private static final Logger log = LoggerFactory.getLogger(CancelListener.class);

    private final ActiveJobs activeJobs;

    CancelListener(ActiveJobs activeJobs) {
        this.activeJobs = activeJobs;
    }

    @RabbitListener(queues = "#{workerControlQueue.name}")
    void onCancel(CancelJob cancel) {
        if (cancel.jobId() != null && activeJobs.cancel(cancel.jobId())) {
            log.info("Cancelling job {}", cancel.jobId());
        }
    }
}
