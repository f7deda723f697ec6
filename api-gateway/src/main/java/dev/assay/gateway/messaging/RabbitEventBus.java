package dev.assay.gateway.messaging;

import dev.assay.gateway.cluster.ClusterProperties;
import dev.assay.gateway.job.EventBus;
import dev.assay.gateway.live.LivePush;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.Topology;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Announces gateway-made job events on the {@code assay.events} fanout, persistently, and waits for the broker's
 * confirm. Every gateway instance then stores the event once (shared store queue) and pushes it to the owner's
 * browsers (per-instance queues).
 * <p>
 * The event is first pushed to the owner's browsers on this instance, at once: the job's new state is already
 * committed, and under load this instance's copy from the fanout comes seconds later, behind the workers' events.
 * That copy is then not pushed again ({@link LivePush} pushes each seq of a job once).
 */
@Component
@Profile("cluster")
class RabbitEventBus implements EventBus {

    private final BrokerPublisher publisher;
    private final LivePush livePush;

    RabbitEventBus(RabbitTemplate rabbitTemplate, ClusterProperties properties, LivePush livePush) {
        this.publisher = new BrokerPublisher(rabbitTemplate, properties.confirmTimeout());
        this.livePush = livePush;
    }

    /**
     * @throws BrokerPublisher.MessageNotPublishedException if the broker cannot be reached, refuses the event or does
     *                                                      not confirm it within {@code assay.cluster.confirm-timeout}
     *                                                      (the push on this instance has happened)
     */
    @Override
    public void publish(JobEvent event) {
        livePush.push(event);
        publisher.publish(Topology.EVENTS_EXCHANGE, "", event, "event " + event.jobId() + "/" + event.seq(), false);
    }
}
