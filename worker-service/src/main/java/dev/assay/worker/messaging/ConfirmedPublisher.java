package dev.assay.worker.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a message persistently and waits until the broker has taken responsibility for it: a positive confirm,
 * and not returned as unroutable. Needs a template with correlated publisher confirms and returns
 * ({@code spring.rabbitmq.publisher-confirm-type=correlated}, {@code spring.rabbitmq.publisher-returns=true},
 * {@code spring.rabbitmq.template.mandatory=true}).
 */
final class ConfirmedPublisher {

    private final RabbitTemplate rabbitTemplate;
    private final Duration confirmTimeout;

    /**
     * @param rabbitTemplate a template with correlated publisher confirms and returns enabled
     * @param confirmTimeout how long to wait for the broker's confirm of one message
     */
    ConfirmedPublisher(RabbitTemplate rabbitTemplate, Duration confirmTimeout) {
        this.rabbitTemplate = rabbitTemplate;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * @param id names the message in errors
     * @throws NotConfirmedException if the broker was unreachable, refused or returned the message, or did not
     *                               confirm it in time
     * @throws InterruptedException  if the thread was interrupted while waiting for the confirm
     */
    void publish(String exchange, String routingKey, Object message, String id)
            throws NotConfirmedException, InterruptedException {
        CorrelationData correlation = new CorrelationData(id);
        CorrelationData.Confirm confirm;
        try {
            rabbitTemplate.convertAndSend(exchange, routingKey, message, correlation);
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (AmqpException e) {
            throw new NotConfirmedException("The broker is unreachable, " + id + " was not published: "
                    + e.getMessage());
        } catch (TimeoutException e) {
            throw new NotConfirmedException("The broker did not confirm " + id + " within "
                    + confirmTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new NotConfirmedException("Confirm of " + id + " failed: " + e.getCause());
        }
        if (!confirm.ack()) {
            throw new NotConfirmedException("The broker refused " + id + ": " + confirm.reason());
        }
        ReturnedMessage returned = correlation.getReturned();
        if (returned != null) {
            throw new NotConfirmedException("The broker could not route " + id + ": " + returned.getReplyText());
        }
    }

    /** A message that the broker did not take responsibility for. */
    static final class NotConfirmedException extends Exception {
        NotConfirmedException(String message) {
            super(message);
        }
    }
}
