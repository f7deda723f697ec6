package dev.assay.gateway.cluster;

import dev.assay.protocol.Topology;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.core.AmqpAdmin;
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
    public long waitingJobs() {
        QueueInformation queue = amqpAdmin.getQueueInfo(Topology.JOBS_QUEUE);
        return queue == null ? 0 : queue.getMessageCount();
    }
}
