package dev.assay.worker.messaging;

import java.io.IOException;
import java.util.Optional;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import dev.assay.protocol.JobRequested;
import dev.assay.protocol.Topology;
import dev.assay.worker.job.ActiveJobs;
import dev.assay.worker.job.ActiveJobs.ActiveJob;
import dev.assay.worker.job.JobProcessor;
import dev.assay.worker.job.RetryableJobException;

/**
 * Consumes {@code assay.jobs}. A job message is acked only after the job's terminal event was confirmed by the
 * broker; a job that could not reach a terminal state is given back (nack with requeue, counted by the queue's
 * delivery limit); a message that is not a job request is rejected and so dead-lettered. Messages that cannot be
 * converted at all are rejected the same way by the container's error handler.
 */
@Component
class JobListener {

    /** Id of the job consumers' listener container. */
    static final String CONTAINER_ID = "assay.jobs";

    private static final Logger log = LoggerFactory.getLogger(JobListener.class);

    private final JobProcessor processor;
    private final ActiveJobs activeJobs;

    JobListener(JobProcessor processor, ActiveJobs activeJobs) {
        this.processor = processor;
        this.activeJobs = activeJobs;
    }

    @RabbitListener(id = CONTAINER_ID, queues = Topology.JOBS_QUEUE,
            containerFactory = MessagingConfiguration.JOB_LISTENER_FACTORY)
    void onJob(JobRequested request, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long deliveryTag,
            @Header(name = AmqpHeaders.REDELIVERED, defaultValue = "false") boolean redelivered) throws IOException {
        String problem = validate(request);
        if (problem != null) {
            log.warn("Rejecting job message {} (it goes to {}): {}", deliveryTag, Topology.JOBS_DEAD_LETTER_QUEUE,
                    problem);
            channel.basicReject(deliveryTag, false);
            return;
        }
        MDC.put(JobProcessor.MDC_JOB_ID, request.jobId().toString());
        try {
            Optional<ActiveJob> started = activeJobs.start(request.jobId());
            if (started.isEmpty()) {
                log.info("Job {} is already being processed by this worker; dropping the duplicate delivery",
                        request.jobId());
                channel.basicAck(deliveryTag, false);
                return;
            }
            if (redelivered) {
                log.info("Job {} was delivered before; processing it again", request.jobId());
            }
            process(request, started.get(), channel, deliveryTag);
        } finally {
            MDC.remove(JobProcessor.MDC_JOB_ID);
        }
    }

    private void process(JobRequested request, ActiveJob job, Channel channel, long deliveryTag) throws IOException {
        try (job) {
            processor.process(request, job::isCancelled);
            job.markDone();
            channel.basicAck(deliveryTag, false);
        } catch (RetryableJobException e) {
            log.warn("Job {} goes back to the queue: {}", request.jobId(), e.getMessage());
            channel.basicNack(deliveryTag, false, true);
        } catch (RuntimeException e) {
            log.error("Job {} goes back to the queue after an unexpected error", request.jobId(), e);
            channel.basicNack(deliveryTag, false, true);
        }
    }

    private static String validate(JobRequested request) {
        if (request.jobId() == null) {
            return "no jobId";
        }
        if (request.owner() == null || request.owner().isBlank()) {
            return "job " + request.jobId() + " has no owner";
        }
        if (request.storageKey() == null || request.storageKey().isBlank()) {
            return "job " + request.jobId() + " has no storageKey";
        }
        return null;
    }
}
