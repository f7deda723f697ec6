package dev.assay.gateway.live;

import java.time.Duration;

import dev.assay.protocol.Topology;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * This gateway instance's own queue on the {@code assay.events} fanout, so that every instance sees every event and
 * heartbeat and pushes events to the browsers connected to it.
 * <p>
 * Durable, not exclusive and not deleted with the connection: when the gateway loses the broker for a while, or the
 * broker restarts, the events published before this gateway is back wait in its queue and reach its browsers once it
 * reconnects. (An exclusive queue was gone until the consumer came back; a worker often reconnects first and publishes
 * the outcome of the job it ran meanwhile, and the gateway's publisher connection, which may come back before its
 * consumer, could even declare the exclusive queue for itself and lock the consumer out.) A queue that no consumer has
 * used for {@link #UNUSED_FOR} (its gateway is gone) is deleted by the broker, and it never holds more than
 * {@link #MAX_EVENTS} events, the oldest dropped first.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cluster")
class ClusterEventsTopology {

    static final Duration UNUSED_FOR = Duration.ofMinutes(5);
    static final int MAX_EVENTS = 50_000;

    @Bean
    Queue liveEventsQueue() {
        String name = new Base64UrlNamingStrategy(Topology.EVENTS_EXCHANGE + ".gateway.").generateName();
        return QueueBuilder.durable(name)
                .expires((int) UNUSED_FOR.toMillis())
                .maxLength(MAX_EVENTS)
                .overflow(QueueBuilder.Overflow.dropHead)
                .build();
    }

    @Bean
    Binding liveEventsBinding(Queue liveEventsQueue) {
        return BindingBuilder.bind(liveEventsQueue).to(new FanoutExchange(Topology.EVENTS_EXCHANGE));
    }
}
