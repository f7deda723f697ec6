package dev.assay.gateway.live;

import java.util.Properties;

import dev.assay.protocol.Topology;
import dev.assay.testsupport.LocalRabbitMq;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's own live queue, declared on the local broker: what it keeps through a lost connection, and its cap. */
class ClusterEventsTopologyTest {

    private final ClusterEventsTopology topology = new ClusterEventsTopology();
    private final CachingConnectionFactory connections = connectionFactory(LocalRabbitMq.withNewVirtualHost());
    private final RabbitAdmin admin = new RabbitAdmin(connections);
    private final RabbitTemplate template = new RabbitTemplate(connections);

    @AfterEach
    void close() {
        connections.destroy();
    }

    @Test
    void eventsPublishedWhileTheGatewayIsDisconnectedWaitInItsQueue() {
        Queue queue = declare();
        connections.resetConnection();

        template.convertAndSend(Topology.EVENTS_EXCHANGE, "", "published while the gateway was away");
        connections.resetConnection();

        Message waiting = template.receive(queue.getName());
        assertThat(waiting).isNotNull();
        assertThat(new String(waiting.getBody())).isEqualTo("published while the gateway was away");
    }

    @Test
    void itOutlivesABrokerRestartAndIsDeletedOnceUnusedForFiveMinutes() {
        Queue queue = declare();

        assertThat(queue.isDurable()).isTrue();
        assertThat(queue.isExclusive()).isFalse();
        assertThat(queue.isAutoDelete()).isFalse();
        assertThat(queue.getArguments()).containsEntry("x-expires", 300_000);
        assertThat(queue.getName()).startsWith(Topology.EVENTS_EXCHANGE + ".gateway.");
    }

    @Test
    void aQueueNobodyReadsKeepsOnlyTheNewestFiftyThousandEvents() {
        Queue queue = declare();
        int published = ClusterEventsTopology.MAX_EVENTS + 25;

        template.invoke(operations -> {
            for (int i = 0; i < published; i++) {
                operations.convertAndSend(Topology.EVENTS_EXCHANGE, "", Integer.toString(i));
            }
            operations.waitForConfirmsOrDie(30_000);
            return null;
        });

        Properties properties = admin.getQueueProperties(queue.getName());
        assertThat(properties).containsEntry(RabbitAdmin.QUEUE_MESSAGE_COUNT, (long) ClusterEventsTopology.MAX_EVENTS);
        Message oldestKept = template.receive(queue.getName());
        assertThat(oldestKept).isNotNull();
        assertThat(new String(oldestKept.getBody())).isEqualTo("25");
    }

    private Queue declare() {
        Queue queue = topology.liveEventsQueue();
        admin.declareExchange(new FanoutExchange(Topology.EVENTS_EXCHANGE));
        admin.declareQueue(queue);
        admin.declareBinding(topology.liveEventsBinding(queue));
        return queue;
    }

    private static CachingConnectionFactory connectionFactory(LocalRabbitMq broker) {
        CachingConnectionFactory factory = new CachingConnectionFactory(broker.host(), broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        return factory;
    }
}
