package dev.assay.worker.messaging;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.assay.protocol.Topology;

/**
 * The RabbitMQ exchanges, queues and bindings that gateway and workers share, declared in this one place: every
 * application that declares a queue must use identical arguments, or the broker refuses the second declaration.
 * The gateway imports this class; per-instance queues are declared by each application itself.
 *
 * <ul>
 *   <li>{@code assay.jobs}: durable direct exchange → durable quorum queue {@code assay.jobs} (routing key
 *       {@code job}), dead-lettered to {@code assay.jobs.dlx} after {@link Topology#JOBS_DELIVERY_LIMIT} deliveries
 *       or when rejected</li>
 *   <li>{@code assay.jobs.dlx}: durable fanout exchange → durable quorum queue {@code assay.jobs.dlq}</li>
 *   <li>{@code assay.events}: durable fanout exchange → durable quorum queue {@code assay.events.store}</li>
 *   <li>{@code assay.control}: durable fanout exchange, to which each worker binds its own exclusive queue</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class BrokerTopology {

    /** The shared topology, declared by Spring AMQP's admin whenever a connection to the broker is made. */
    @Bean
    public Declarables assayTopology() {
        DirectExchange jobsExchange = ExchangeBuilder.directExchange(Topology.JOBS_EXCHANGE).durable(true).build();
        Queue jobsQueue = QueueBuilder.durable(Topology.JOBS_QUEUE)
                .quorum()
                .deliveryLimit(Topology.JOBS_DELIVERY_LIMIT)
                .deadLetterExchange(Topology.JOBS_DEAD_LETTER_EXCHANGE)
                .build();
        FanoutExchange deadLetterExchange =
                ExchangeBuilder.fanoutExchange(Topology.JOBS_DEAD_LETTER_EXCHANGE).durable(true).build();
        Queue deadLetterQueue = QueueBuilder.durable(Topology.JOBS_DEAD_LETTER_QUEUE).quorum().build();
        FanoutExchange eventsExchange = ExchangeBuilder.fanoutExchange(Topology.EVENTS_EXCHANGE).durable(true).build();
        Queue eventsStoreQueue = QueueBuilder.durable(Topology.EVENTS_STORE_QUEUE).quorum().build();
        FanoutExchange controlExchange =
                ExchangeBuilder.fanoutExchange(Topology.CONTROL_EXCHANGE).durable(true).build();
        return new Declarables(
                jobsExchange, jobsQueue,
                BindingBuilder.bind(jobsQueue).to(jobsExchange).with(Topology.JOBS_ROUTING_KEY),
                deadLetterExchange, deadLetterQueue,
                BindingBuilder.bind(deadLetterQueue).to(deadLetterExchange),
                eventsExchange, eventsStoreQueue,
                BindingBuilder.bind(eventsStoreQueue).to(eventsExchange),
                controlExchange);
    }
}
