package dev.assay.worker.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.JobStatus;
import dev.assay.protocol.Topology;
import dev.assay.worker.chunk.ChunkedJobs;
import dev.assay.worker.config.WorkerProperties;
import dev.assay.worker.job.ActiveJobs;
import dev.assay.worker.job.ActiveJobs.ActiveJob;
import dev.assay.worker.job.CancelledJobs;
import dev.assay.worker.job.JobProcessor;
import dev.assay.worker.job.RetryableJobException;
import dev.assay.worker.metrics.JobMetrics;

/**
 * Consumes {@code assay.jobs} with "claim with a lease, ack early": a job's message is acked as soon as the job has
 * started (its file is open and its first PROCESSING event confirmed), so that no job, however long, runs into the
 * broker's {@code consumer_timeout}. From then on the job is held by a lease that this worker's heartbeats and the
 * job's progress events renew; should the worker die, a gateway queues the job again when the lease runs out.
 * <ul>
 *   <li>Not started yet: a message that is not a valid job request is rejected (dead-lettered); a job cancelled
 *       before its request arrived is dropped; a job that fails for good before it starts (its file is gone) ends
 *       FAILED and its message is rejected to the dead-letter queue; a job that cannot start now (the file store or
 *       the broker is briefly away) goes back to the queue after a backoff (nack, counted by the queue's delivery
 *       limit), and on the last delivery the queue allows it ends FAILED.</li>
 *   <li>Started: a job whose terminal event could not be published is tried again here after a backoff, as a new
 *       attempt, up to the same limit, and then ends FAILED; a job that fails ends FAILED and a copy of its request
 *       goes to the dead-letter queue; a job still running when the worker stops is handed back to the queue as a
 *       new attempt.</li>
 * </ul>
 * The attempt number (the queue's delivery count, plus the attempts made here) tells the processor how to number
 * the job's events, so that a later attempt's events are newer than an earlier one's. The tasks of a job analysed
 * in chunks (cutting, one chunk, the merge) are short and acked when done ({@link ChunkedJobs}).
 */
@Component
class JobListener {

    /** Id of the job consumers' listener container. */
    static final String CONTAINER_ID = "assay.jobs";

    /** Set by quorum queues on a message delivered again: how many times it was delivered before. */
    static final String DELIVERY_COUNT = "x-delivery-count";

    /** Header of a request copied to the dead-letter queue after its job failed: the reason. */
    static final String FAILURE_HEADER = "x-assay-failure";

    private static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(JobListener.class);

    private final JobProcessor processor;
    private final ActiveJobs activeJobs;
    private final CancelledJobs cancelledJobs;
    private final ChunkedJobs chunkedJobs;
    private final JobMetrics metrics;
    private final RabbitTemplate rabbitTemplate;
    private final ConfirmedPublisher publisher;
    private final Duration retryBackoff;

    JobListener(JobProcessor processor, ActiveJobs activeJobs, CancelledJobs cancelledJobs, ChunkedJobs chunkedJobs,
            JobMetrics metrics, RabbitTemplate rabbitTemplate, WorkerProperties properties) {
        this.processor = processor;
        this.activeJobs = activeJobs;
        this.cancelledJobs = cancelledJobs;
        this.chunkedJobs = chunkedJobs;
        this.metrics = metrics;
        this.rabbitTemplate = rabbitTemplate;
        this.publisher = new ConfirmedPublisher(rabbitTemplate, properties.confirmTimeout());
        this.retryBackoff = properties.retryBackoff();
    }

    @RabbitListener(id = CONTAINER_ID, queues = Topology.JOBS_QUEUE,
            containerFactory = MessagingConfiguration.JOB_LISTENER_FACTORY)
    void onJob(JobRequested request, Channel channel, @Header(AmqpHeaders.DELIVERY_TAG) long deliveryTag,
            @Header(name = AmqpHeaders.REDELIVERED, defaultValue = "false") boolean redelivered,
            @Header(name = DELIVERY_COUNT, required = false) Number deliveryCount) throws IOException {
        Delivery delivery = new Delivery(channel, deliveryTag);
        String problem = validate(request);
        if (problem != null) {
            log.warn("Rejecting job message {} (it goes to {}): {}", deliveryTag, Topology.JOBS_DEAD_LETTER_QUEUE,
                    problem);
            delivery.reject();
            return;
        }
        MDC.put(JobProcessor.MDC_JOB_ID, request.jobId().toString());
        try {
            // before the chunked path too: a chunk or merge task of a cancelled or deleted job is dropped, so that it
            // writes no partial result after the gateway deleted the job's partial results
            if (cancelledJobs.covers(request)) {
                log.info("Job {} was cancelled before its request arrived; dropping it", request.jobId());
                delivery.ack();
                return;
            }
            if (chunkedJobs.takes(request)) {
                processPart(request, attempt(deliveryCount), delivery);
                return;
            }
            Optional<ActiveJob> started = activeJobs.start(request.jobId());
            if (started.isEmpty()) {
                log.info("Job {} is already being processed by this worker; dropping the duplicate delivery",
                        request.jobId());
                delivery.ack();
                return;
            }
            int attempt = attempt(deliveryCount);
            if (redelivered || attempt > 0) {
                log.info("Job {} was delivered {} time(s) before; processing it again", request.jobId(), attempt);
            }
            try (ActiveJob job = started.get()) {
                process(request, attempt, job, delivery);
            }
        } finally {
            MDC.remove(JobProcessor.MDC_JOB_ID);
        }
    }

    private void process(JobRequested request, int firstAttempt, ActiveJob job, Delivery delivery)
            throws IOException {
        long started = System.nanoTime();
        JobEvent unpublished = null; // an outcome reached but not accepted: published again, not analysed again
        for (int attempt = firstAttempt; ; attempt++) {
            try {
                JobEvent terminal = unpublished != null ? processor.publishAgain(unpublished)
                        : processor.process(request, attempt,
                                () -> job.isCancelled() || cancelledJobs.covers(request), delivery::ack);
                job.markDone();
                metrics.finished(terminal, Duration.ofNanos(System.nanoTime() - started));
                settle(request, terminal, delivery);
                return;
            } catch (RetryableJobException e) {
                unpublished = e.unpublishedOutcome().orElse(null);
                if (!retry(request, attempt, job, delivery, e, started)) {
                    return;
                }
            } catch (RuntimeException e) {
                if (delivery.isAcked()) {
                    log.error("Job {} stopped after an unexpected error; it is queued again when its lease runs out",
                            request.jobId(), e);
                } else {
                    log.error("Job {} goes back to the queue after an unexpected error", request.jobId(), e);
                    delivery.requeue();
                }
                return;
            }
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
    private void processPart(JobRequested request, int attempt, Delivery delivery) throws IOException {
        try {
            chunkedJobs.handle(request, attempt, () -> cancelledJobs.covers(request));
            delivery.ack();
        } catch (RetryableJobException e) {
            Duration backoff = backoff(attempt);
            log.warn("A part of job {} goes back to the queue in {} ms: {}", request.jobId(), backoff.toMillis(),
                    e.getMessage());
            pause(backoff);
            delivery.requeue();
        } catch (RuntimeException e) {
            log.error("A part of job {} goes back to the queue after an unexpected error", request.jobId(), e);
            delivery.requeue();
        }
    }

    /** A job reached its terminal state: a FAILED one goes to the dead-letter queue, the others are done. */
    private void settle(JobRequested request, JobEvent terminal, Delivery delivery) throws IOException {
        if (terminal.status() != JobStatus.FAILED) {
            delivery.ack();
        } else if (!delivery.isAcked()) {
            delivery.reject();
        } else {
            deadLetterCopy(request, terminal.error());
        }
    }

    /**
     * Decides what happens to an attempt that could not reach a terminal state.
     *
     * @return whether to try again here at once (the backoff is already waited)
     */
    private boolean retry(JobRequested request, int attempt, ActiveJob job, Delivery delivery,
            RetryableJobException cause, long started) throws IOException {
        boolean stopping = Thread.currentThread().isInterrupted();
        if (attempt >= Topology.JOBS_DELIVERY_LIMIT && !stopping) {
            giveUp(request, attempt, job, delivery, cause, started);
            return false;
        }
        Duration backoff = backoff(attempt);
        if (!delivery.isAcked()) {
            log.warn("Job {} goes back to the queue in {} ms: {}", request.jobId(), backoff.toMillis(),
                    cause.getMessage());
            pause(backoff);
            delivery.requeue();
            return false;
        }
        if (!stopping) {
            log.warn("Job {} is tried again here in {} ms: {}", request.jobId(), backoff.toMillis(),
                    cause.getMessage());
            pause(backoff);
            if (!Thread.currentThread().isInterrupted()) {
                return true;
            }
        }
        handBack(request, attempt);
        return false;
    }

    /**
     * The last attempt allowed has failed too: the job ends FAILED with a reason, and its message goes to the
     * dead-letter queue for the operator. Should even the FAILED event not be accepted, a message not yet acked is
     * given back once more (the queue dead-letters it as past its delivery limit); a started job is left to its
     * lease.
     */
    private void giveUp(JobRequested request, int attempt, ActiveJob job, Delivery delivery,
            RetryableJobException cause, long started) throws IOException {
        log.error("Job {} could not be finished in {} attempts; giving up", request.jobId(), attempt + 1, cause);
        try {
            JobEvent failed = processor.fail(request, attempt, "The job could not be finished after "
                    + (attempt + 1) + " attempts; the details are in the worker's log under job id "
                    + request.jobId());
            job.markDone();
            metrics.finished(failed, Duration.ofNanos(System.nanoTime() - started));
            settle(request, failed, delivery);
        } catch (RetryableJobException e) {
            log.warn("Job {}: the FAILED event was not accepted either: {}", request.jobId(), e.getMessage());
            if (!delivery.isAcked()) {
                delivery.requeue();
            }
        }
    }

    /**
     * Puts a started job back in the queue because this worker stops before it finished: as a new request whose
     * events are numbered above anything this attempt published. Should the broker not take it, the job is queued
     * again by a gateway when its lease runs out.
     */
    private void handBack(JobRequested request, int attempt) {
        JobRequested again = new JobRequested(request.jobId(), request.owner(), request.storageKey(),
                request.fileName(), request.sizeBytes(), request.options(),
                request.baseSeq() + (attempt + 1L) * JobProcessor.SEQ_SPAN_PER_ATTEMPT, request.requestedAt());
        boolean interrupted = Thread.interrupted();
        try {
            publisher.publish(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, again,
                    "job " + request.jobId() + " handed back");
            log.info("Job {} handed back to the queue: this worker stops before it finished", request.jobId());
        } catch (ConfirmedPublisher.NotConfirmedException | InterruptedException e) {
            log.warn("Job {} could not be handed back ({}); it is queued again when its lease runs out",
                    request.jobId(), e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A started job failed for good: a copy of its request goes to the dead-letter queue, with the reason. */
    private void deadLetterCopy(JobRequested request, String reason) {
        try {
            rabbitTemplate.convertAndSend(Topology.JOBS_DEAD_LETTER_EXCHANGE, "", request, message -> {
                message.getMessageProperties().setHeader(FAILURE_HEADER, reason);
                return message;
            });
        } catch (RuntimeException e) {
            log.warn("Job {} FAILED, but its request could not be copied to {}: {}", request.jobId(),
                    Topology.JOBS_DEAD_LETTER_QUEUE, e.getMessage());
        }
    }

    /**
     * How long to hold a job that could not be finished before trying it again, so that a briefly unavailable file
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

    /** One job message and what was done with it: settled once, by an ack, a reject or a requeue. */
    private static final class Delivery {

        private final Channel channel;
        private final long tag;
        private boolean settled;
        private boolean acked;

        Delivery(Channel channel, long tag) {
            this.channel = channel;
            this.tag = tag;
        }

        boolean isAcked() {
            return acked;
        }

        void ack() throws IOException {
            if (!settled) {
                channel.basicAck(tag, false);
                settled = true;
                acked = true;
            }
        }

        /** Dead-letters the message. */
        void reject() throws IOException {
            if (!settled) {
                channel.basicReject(tag, false);
                settled = true;
            }
        }

        void requeue() throws IOException {
            if (!settled) {
                channel.basicNack(tag, false, true);
                settled = true;
            }
        }
    }
}
