package dev.assay.gateway.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes one message persistently and waits until the broker has taken responsibility for it: a positive
 * publisher confirm, and not returned as unroutable.
 */
final class BrokerPublisher {

    private final RabbitTemplate rabbitTemplate;
    private final Duration confirmTimeout;

    BrokerPublisher(RabbitTemplate rabbitTemplate, Duration confirmTimeout) {
        this.rabbitTemplate = rabbitTemplate;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * @param mustRoute whether a message that reaches no queue is a failure (a job request) or not (a broadcast
     *                  that no one listens to)
     * @throws MessageNotPublishedException when the broker is unreachable, refuses the message, returns it while
     *                                      {@code mustRoute}, or does not confirm it in time
     */
    void publish(String exchange, String routingKey, Object message, String id, boolean mustRoute) {
        CorrelationData correlation = new CorrelationData(id);
        try {
            rabbitTemplate.convertAndSend(exchange, routingKey, message, correlation);
            CorrelationData.Confirm confirm = correlation.getFuture()
                    .get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!confirm.ack()) {
                throw new MessageNotPublishedException("The broker refused " + id + ": " + confirm.reason(), null);
            }
        } catch (AmqpException e) {
            throw new MessageNotPublishedException("The broker is unreachable, " + id + " was not published: "
                    + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new MessageNotPublishedException("The broker did not confirm " + id + " within "
                    + confirmTimeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new MessageNotPublishedException("The confirm of " + id + " failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessageNotPublishedException("Interrupted while waiting for the confirm of " + id, e);
        }
        ReturnedMessage returned = correlation.getReturned();
        if (returned != null && mustRoute) {
            throw new MessageNotPublishedException("The broker could not route " + id + ": "
                    + returned.getReplyText(), null);
        }
    }

    /** A message the broker did not take responsibility for. */
    static final class MessageNotPublishedException extends IllegalStateException {
        MessageNotPublishedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
