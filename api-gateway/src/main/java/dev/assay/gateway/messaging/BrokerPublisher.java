package dev.assay.gateway.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes messages persistently and waits until the broker has taken responsibility for them: a positive publisher
 * confirm, and not returned as unroutable.
 */
final class BrokerPublisher {

    private static final Logger log = LoggerFactory.getLogger(BrokerPublisher.class);

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
        awaitConfirm(send(exchange, routingKey, message, id), mustRoute, deadline());
    }

    /**
     * Publishes every message, then waits for their confirms: one round trip to the broker for the lot rather than
     * one per message. A message that fails is logged and left out of the answer; a broker that cannot be reached
     * at all fails the call.
     *
     * @param id names a message in errors
     * @return the messages the broker took responsibility for, in their order
     * @throws MessageNotPublishedException when not even the first message could be sent
     */
    <T> List<T> publishAll(String exchange, String routingKey, List<T> messages, Function<T, String> id,
            boolean mustRoute) {
        List<Sent<T>> sent = new ArrayList<>(messages.size());
        for (T message : messages) {
            try {
                sent.add(new Sent<>(message, send(exchange, routingKey, message, id.apply(message))));
            } catch (MessageNotPublishedException e) {
                if (sent.isEmpty()) {
                    throw e;
                }
                log.warn("{}; the rest are not sent now", e.getMessage());
                break;
            }
        }
        long deadline = deadline();
        List<T> confirmed = new ArrayList<>(sent.size());
        for (Sent<T> one : sent) {
            try {
                awaitConfirm(one.correlation(), mustRoute, deadline);
                confirmed.add(one.message());
            } catch (MessageNotPublishedException e) {
                log.warn(e.getMessage());
            }
        }
        return confirmed;
    }

    private record Sent<T>(T message, CorrelationData correlation) {
    }

    private CorrelationData send(String exchange, String routingKey, Object message, String id) {
        CorrelationData correlation = new CorrelationData(id);
        try {
            rabbitTemplate.convertAndSend(exchange, routingKey, message, correlation);
        } catch (AmqpException e) {
            throw new MessageNotPublishedException("The broker is unreachable, " + id + " was not published: "
                    + e.getMessage(), e);
        }
        return correlation;
    }

    private long deadline() {
        return System.nanoTime() + confirmTimeout.toNanos();
    }

    private void awaitConfirm(CorrelationData correlation, boolean mustRoute, long deadline) {
        String id = correlation.getId();
        try {
            CorrelationData.Confirm confirm = correlation.getFuture()
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!confirm.ack()) {
                throw new MessageNotPublishedException("The broker refused " + id + ": " + confirm.reason(), null);
            }
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
