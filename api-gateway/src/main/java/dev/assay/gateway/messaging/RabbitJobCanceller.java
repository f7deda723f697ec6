package dev.assay.gateway.messaging;

import java.util.UUID;

import dev.assay.gateway.cluster.ClusterProperties;
import dev.assay.gateway.job.JobCanceller;
import dev.assay.protocol.CancelJob;
import dev.assay.protocol.Topology;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** Broadcasts {@link CancelJob} to every worker on {@code assay.control}; the one running the job stops it. */
@Component
@Profile("cluster")
class RabbitJobCanceller implements JobCanceller {

    private final BrokerPublisher publisher;

    RabbitJobCanceller(RabbitTemplate rabbitTemplate, ClusterProperties properties) {
        this.publisher = new BrokerPublisher(rabbitTemplate, properties.confirmTimeout());
    }

    @Override
    public void cancel(UUID jobId, long seq) {
        publisher.publish(Topology.CONTROL_EXCHANGE, "", new CancelJob(jobId, seq), "cancel of job " + jobId, false);
    }
}
