package dev.assay.gateway.messaging;

import dev.assay.gateway.cluster.ClusterProperties;
import dev.assay.gateway.job.EventBus;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.Topology;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Announces gateway-made job events on the {@code assay.events} fanout, persistently, and waits for the broker's
 * confirm. Every gateway instance then stores the event once (shared store queue) and pushes it to the owner's
 * browsers (per-instance queues).
 */
@Component
@Profile("cluster")
class RabbitEventBus implements EventBus {

    private final BrokerPublisher publisher;

    RabbitEventBus(RabbitTemplate rabbitTemplate, ClusterProperties properties) {
        this.publisher = new BrokerPublisher(rabbitTemplate, properties.confirmTimeout());
    }

    /**
     * @throws BrokerPublisher.MessageNotPublishedException if the broker cannot be reached, refuses the event or does
     *                                                      not confirm it within {@code assay.cluster.confirm-timeout}
     */
    @Override
    public void publish(JobEvent event) {
        publisher.publish(Topology.EVENTS_EXCHANGE, "", event, "event " + event.jobId() + "/" + event.seq(), false);
    }
}
