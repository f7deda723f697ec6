package dev.assay.gateway.live;

import dev.assay.protocol.Topology;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * This gateway instance's own queue on the {@code assay.events} fanout: exclusive and deleted with the connection,
 * so every instance sees every event and heartbeat, and pushes events to the browsers connected to it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cluster")
class ClusterEventsTopology {

    @Bean
    AnonymousQueue liveEventsQueue() {
        AnonymousQueue queue = new AnonymousQueue(new Base64UrlNamingStrategy(Topology.EVENTS_EXCHANGE + ".gateway."));
        // Spring AMQP 4 sets x-queue-leader-locator by default, which RabbitMQ 3.10 refuses on classic queues.
        queue.setLeaderLocator(null);
        return queue;
    }

    @Bean
    Binding liveEventsBinding(AnonymousQueue liveEventsQueue) {
        return BindingBuilder.bind(liveEventsQueue).to(new FanoutExchange(Topology.EVENTS_EXCHANGE));
    }
}
