package dev.assay.worker.messaging;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.assay.protocol.Topology;

/** This worker's own exclusive, auto-deleted queue on the control fanout, for broadcasts such as cancels. */
@Configuration(proxyBeanMethods = false)
class WorkerControlTopology {

    @Bean
    AnonymousQueue workerControlQueue() {
        AnonymousQueue queue = new AnonymousQueue(new Base64UrlNamingStrategy(Topology.CONTROL_EXCHANGE + "."));
        // Spring AMQP 4 sets x-queue-leader-locator by default, which RabbitMQ 3.10 refuses on classic queues.
        queue.setLeaderLocator(null);
        return queue;
    }

    @Bean
    Binding workerControlBinding(AnonymousQueue workerControlQueue) {
        return BindingBuilder.bind(workerControlQueue).to(new FanoutExchange(Topology.CONTROL_EXCHANGE));
    }
}
