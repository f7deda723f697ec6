package dev.assay.gateway.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import dev.assay.protocol.Topology;

/**
 * {@code assay.queue.messages}: the messages ready for a consumer in the job queue and in its dead-letter queue, as
 * the broker counts them (a passive declare on each scrape). Unavailable (NaN) while the broker is.
 */
@Component
@Profile("cluster")
class QueueMetrics implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

    private final AmqpAdmin amqpAdmin;

    QueueMetrics(AmqpAdmin amqpAdmin) {
        this.amqpAdmin = amqpAdmin;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String queue : new String[] {Topology.JOBS_QUEUE, Topology.JOBS_DEAD_LETTER_QUEUE}) {
            Gauge.builder("assay.queue.messages", this, metrics -> metrics.readyMessages(queue))
                    .tag("queue", queue)
                    .description("Messages ready for a consumer in a queue of Assay")
                    .register(registry);
        }
    }

    private double readyMessages(String queue) {
        try {
            QueueInformation information = amqpAdmin.getQueueInfo(queue);
            return information == null ? 0 : information.getMessageCount();
        } catch (AmqpException e) {
            log.debug("Queue {} cannot be read now: {}", queue, e.getMessage());
            return Double.NaN;
        }
    }
}
