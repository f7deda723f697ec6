package dev.assay.worker.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.Topology;
import dev.assay.worker.chunk.ChunkedJobs;
import dev.assay.worker.config.WorkerProperties;
import dev.assay.worker.job.ActiveJobs;
import dev.assay.worker.job.ActiveJobs.ActiveJob;
import dev.assay.worker.job.JobProcessor;
import dev.assay.worker.job.RetryableJobException;
import dev.assay.worker.metrics.JobMetrics;

/**
 * Consumes {@code assay.jobs}. A job message is acked only after the job's terminal event was confirmed by the
 * broker; a job that could not reach a terminal state is given back after a backoff (nack with requeue, counted by
 * the queue's delivery limit) or, on the last delivery the queue allows, ended FAILED and dead-lettered; a message that is not a job request is rejected and so dead-lettered. Messages that cannot be
 * converted at all are rejected the same way by the container's error handler. The queue's delivery count tells the
 * processor which attempt this is, so that the events of a job processed again are newer than those of earlier
 * attempts.
 */
@Component
class JobListener {

    /** Id of the job consumers' listener container. */
    static final String CONTAINER_ID = "assay.jobs";

    /** Set by quorum queues on a message delivered again: how many times it was delivered before. */
    static final String DELIVERY_COUNT = "x-delivery-count";

    private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(JobListener.class);

    private final JobProcessor processor;
    private final ActiveJobs activeJobs;
    private final ChunkedJobs chunkedJobs;
    private final JobMetrics metrics;
    private final Duration retryBackoff;

    JobListener(JobProcessor processor, ActiveJobs activeJobs, ChunkedJobs chunkedJobs, JobMetrics metrics,
            WorkerProperties properties) {
        this.processor = processor;
        this.activeJobs = activeJobs;
        this.chunkedJobs = chunkedJobs;
        this.metrics = metrics;
        this.retryBackoff = properties.retryBackoff();
    }

    @RabbitListener(id = CONTAINER_ID, queues = Topology.JOBS_QUEUE,
            containerFactory = MessagingConfiguration.JOB_LISTENER_FACTORY)
    void onJob(JobRequested request, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long deliveryTag,
            @Header(name = AmqpHeaders.REDELIVERED, defaultValue = "false") boolean redelivered,
            @Header(name = DELIVERY_COUNT, required = false) Number deliveryCount) throws IOException {
        String problem = validate(request);
        if (problem != null) {
            log.warn("Rejecting job message {} (it goes to {}): {}", deliveryTag, Topology.JOBS_DEAD_LETTER_QUEUE,
                    problem);
            channel.basicReject(deliveryTag, false);
            return;
        }
        MDC.put(JobProcessor.MDC_JOB_ID, request.jobId().toString());
        try {
            if (chunkedJobs.takes(request)) {
                processPart(request, attempt(deliveryCount), channel, deliveryTag);
                return;
            }
            Optional<ActiveJob> started = activeJobs.start(request.jobId());
            if (started.isEmpty()) {
                log.info("Job {} is already being processed by this worker; dropping the duplicate delivery",
                        request.jobId());
                channel.basicAck(deliveryTag, false);
                return;
            }
            int attempt = attempt(deliveryCount);
            if (redelivered || attempt > 0) {
                log.info("Job {} was delivered {} time(s) before; processing it again", request.jobId(), attempt);
            }
            process(request, attempt, started.get(), channel, deliveryTag);
        } finally {
            MDC.remove(JobProcessor.MDC_JOB_ID);
        }
    }

    private void process(JobRequested request, int attempt, ActiveJob job, Channel channel, long deliveryTag)
            throws IOException {
        long started = System.nanoTime();
        try (job) {
            JobEvent terminal = processor.process(request, attempt, job::isCancelled);
            job.markDone();
            metrics.finished(terminal, Duration.ofNanos(System.nanoTime() - started));
            channel.basicAck(deliveryTag, false);
        } catch (RetryableJobException e) {
            if (attempt >= Topology.JOBS_DELIVERY_LIMIT && !Thread.currentThread().isInterrupted()) {
                giveUp(request, attempt, job, channel, deliveryTag, e, started);
                return;
            }
            Duration backoff = backoff(attempt);
            log.warn("Job {} goes back to the queue in {} ms: {}", request.jobId(), backoff.toMillis(),
                    e.getMessage());
            pause(backoff);
            channel.basicNack(deliveryTag, false, true);
        } catch (RuntimeException e) {
            log.error("Job {} goes back to the queue after an unexpected error", request.jobId(), e);
            channel.basicNack(deliveryTag, false, true);
        }
    }

    private static int attempt(Number deliveryCount) {
        return deliveryCount == null ? 0 : (int) Math.min(deliveryCount.longValue(), Integer.MAX_VALUE);
    }

    /**
     * Splits a big job, analyses a chunk or merges the chunks; acked once done (a chunk is short), so a chunk whose
     * worker dies goes back to the queue and is analysed again. A task that keeps failing is dead-lettered by the
     * queue's delivery limit.
     */
    private void processPart(JobRequested request, int attempt, Channel channel, long deliveryTag)
            throws IOException {
        try {
            chunkedJobs.handle(request, attempt);
            channel.basicAck(deliveryTag, false);
        } catch (RetryableJobException e) {
            Duration backoff = backoff(attempt);
            log.warn("A part of job {} goes back to the queue in {} ms: {}", request.jobId(), backoff.toMillis(),
                    e.getMessage());
            pause(backoff);
            channel.basicNack(deliveryTag, false, true);
        } catch (RuntimeException e) {
            log.error("A part of job {} goes back to the queue after an unexpected error", request.jobId(), e);
            channel.basicNack(deliveryTag, false, true);
        }
    }

    /**
     * The last delivery the queue allows has failed too: the job ends FAILED with a reason, and its message goes to
     * the dead-letter queue for the operator. Should even the FAILED event not be accepted, the message is given back
     * once more, and the queue dead-letters it as past its delivery limit.
     */
    private void giveUp(JobRequested request, int attempt, ActiveJob job, Channel channel, long deliveryTag,
            RetryableJobException cause, long started) throws IOException {
        log.error("Job {} could not be finished in {} attempts; giving up", request.jobId(), attempt + 1, cause);
        try {
            JobEvent failed = processor.fail(request, attempt, "The job could not be finished after "
                    + (attempt + 1) + " attempts; the details are in the worker's log under job id "
                    + request.jobId());
            job.markDone();
            metrics.finished(failed, Duration.ofNanos(System.nanoTime() - started));
            channel.basicReject(deliveryTag, false);
        } catch (RetryableJobException e) {
            log.warn("Job {}: the FAILED event was not accepted either: {}", request.jobId(), e.getMessage());
            channel.basicNack(deliveryTag, false, true);
        }
    }

    /**
     * How long to hold a job that could not be finished before giving it back, so that a briefly unavailable file
     * store or broker is not hammered; it doubles with each attempt.
     */
    static Duration backoff(Duration first, int attempt) {
        long millis = first.toMillis() << Math.min(attempt, 10);
        return Duration.ofMillis(Math.min(millis, MAX_RETRY_BACKOFF.toMillis()));
    }

    private Duration backoff(int attempt) {
        return backoff(retryBackoff, attempt);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
