package dev.assay.gateway.live;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.assay.gateway.cluster.ClusterProperties;
import dev.assay.gateway.job.EventBus;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.Topology;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Announces gateway-made job events on the {@code assay.events} fanout, persistently, and waits for the broker's
 * confirm (the template needs {@code spring.rabbitmq.publisher-confirm-type=correlated}). Every gateway instance
 * then stores the event once (shared store queue) and pushes it to the owner's browsers (per-instance queues).
 */
@Component
@Profile("cluster")
class RabbitEventBus implements EventBus {

    private final RabbitTemplate rabbitTemplate;
    private final ClusterProperties properties;

    RabbitEventBus(RabbitTemplate rabbitTemplate, ClusterProperties properties) {
        this.rabbitTemplate = rabbitTemplate;
        this.properties = properties;
    }

    /**
     * @throws EventNotAnnouncedException if the broker cannot be reached, refuses the event or does not confirm it
     *                                    within {@code assay.cluster.confirm-timeout}
     */
    @Override
    public void publish(JobEvent event) {
        String id = event.jobId() + "/" + event.seq();
        CorrelationData correlation = new CorrelationData(id);
        try {
            rabbitTemplate.convertAndSend(Topology.EVENTS_EXCHANGE, "", event, correlation);
            CorrelationData.Confirm confirm = correlation.getFuture()
                    .get(properties.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack()) {
                throw new EventNotAnnouncedException("The broker refused event " + id + ": " + confirm.reason(), null);
            }
        } catch (AmqpException e) {
            throw new EventNotAnnouncedException("Event " + id + " was not published: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new EventNotAnnouncedException("The broker did not confirm event " + id + " within "
                    + properties.confirmTimeout().toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new EventNotAnnouncedException("Confirm of event " + id + " failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotAnnouncedException("Interrupted while waiting for the confirm of event " + id, e);
        }
    }

    /** A job event the broker did not take responsibility for. */
    static final class EventNotAnnouncedException extends IllegalStateException {
        EventNotAnnouncedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
