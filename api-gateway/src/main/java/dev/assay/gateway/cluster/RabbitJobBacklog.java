package dev.assay.gateway.cluster;

import java.util.OptionalLong;

import dev.assay.protocol.Topology;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** The backlog as the broker counts it: ready messages of {@code assay.jobs}. */
@Component
@Profile("cluster")
class RabbitJobBacklog implements JobBacklog {

    private final AmqpAdmin amqpAdmin;

    RabbitJobBacklog(AmqpAdmin amqpAdmin) {
        this.amqpAdmin = amqpAdmin;
    }

    @Override
    public OptionalLong waitingJobs() {
        try {
            QueueInformation queue = amqpAdmin.getQueueInfo(Topology.JOBS_QUEUE);
            return OptionalLong.of(queue == null ? 0 : queue.getMessageCount());
        } catch (AmqpException e) {
            return OptionalLong.empty(); // the broker is away; its health indicator says so
        }
    }
}
