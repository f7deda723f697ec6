package dev.assay.worker.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobRequested;
import dev.assay.protocol.Topology;
import dev.assay.worker.chunk.TaskPublisher;
import dev.assay.worker.job.EventSink;

/**
 * Publishes job events persistently on the {@code assay.events} fanout (and the chunk tasks of big jobs on the job
 * queue) and waits for the broker's confirm. Needs a
 * template with correlated publisher confirms and returns ({@code spring.rabbitmq.publisher-confirm-type=correlated},
 * {@code spring.rabbitmq.publisher-returns=true}, {@code spring.rabbitmq.template.mandatory=true}).
 */
public final class RabbitEventSink implements EventSink, TaskPublisher {

    private final RabbitTemplate rabbitTemplate;
    private final Duration confirmTimeout;

    /**
     * @param rabbitTemplate a template with correlated publisher confirms and returns enabled
     * @param confirmTimeout how long to wait for the broker's confirm of one event
     */
    public RabbitEventSink(RabbitTemplate rabbitTemplate, Duration confirmTimeout) {
        this.rabbitTemplate = rabbitTemplate;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * @throws EventNotConfirmedException if the broker refused or returned the event, or did not confirm it in time
     * @throws InterruptedException       if the thread was interrupted while waiting for the confirm
     */
    @Override
    public void publish(JobEvent event) throws EventNotConfirmedException, InterruptedException {
        send(Topology.EVENTS_EXCHANGE, "", event, "event " + event.jobId() + "/" + event.seq());
    }

    /**
     * Publishes a chunk or merge task of a job on the job queue, like the gateway publishes jobs.
     *
     * @throws EventNotConfirmedException if the broker refused or returned the task, or did not confirm it in time
     * @throws InterruptedException       if the thread was interrupted while waiting for the confirm
     */
    @Override
    public void publish(JobRequested task) throws EventNotConfirmedException, InterruptedException {
        send(Topology.JOBS_EXCHANGE, Topology.JOBS_ROUTING_KEY, task, "task " + task.jobId() + "/" + task.part());
    }

    private void send(String exchange, String routingKey, Object message, String id)
            throws EventNotConfirmedException, InterruptedException {
        CorrelationData correlation = new CorrelationData(id);
        rabbitTemplate.convertAndSend(exchange, routingKey, message, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EventNotConfirmedException("The broker did not confirm " + id + " within "
                    + confirmTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new EventNotConfirmedException("Confirm of " + id + " failed: " + e.getCause());
        }
        if (!confirm.ack()) {
            throw new EventNotConfirmedException("The broker refused " + id + ": " + confirm.reason());
        }
        ReturnedMessage returned = correlation.getReturned();
        if (returned != null) {
            throw new EventNotConfirmedException("The broker could not route " + id + ": "
                    + returned.getReplyText());
        }
    }

    /** An event that the broker did not take responsibility for. */
    public static final class EventNotConfirmedException extends Exception {
        EventNotConfirmedException(String message) {
            super(message);
        }
    }
}
