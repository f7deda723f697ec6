package dev.assay.gateway.messaging;

import java.time.Clock;

import dev.assay.gateway.cluster.BrokerContact;
import dev.assay.worker.messaging.BrokerTopology;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import tools.jackson.databind.json.JsonMapper;

/**
 * RabbitMQ in cluster mode: the shared topology as the workers declare it (imported, never re-declared), JSON
 * messages, which Boot's template and listener containers pick up, and publishes apart from the consumers.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cluster")
@Import(BrokerTopology.class)
class ClusterMessagingConfiguration {

    @Bean
    JacksonJsonMessageConverter jsonMessageConverter(JsonMapper jsonMapper) {
        return new JacksonJsonMessageConverter(jsonMapper, "dev.assay.protocol");
    }

    /**
     * Publishes on a connection of its own. The broker blocks a connection that publishes faster than its queues
     * take messages (credit flow); on a shared connection the event listeners' acks waited behind upload requests'
     * publishes, and browsers got their pushes seconds late.
     */
    @Bean
    RabbitTemplateCustomizer publisherConnectionOfItsOwn() {
        return template -> template.setUsePublisherConnection(true);
    }

    /** Follows the consumers' connection (told at once when it is already open). */
    @Bean
    BrokerContact brokerContact(ConnectionFactory connectionFactory, Clock clock) {
        BrokerContact contact = new BrokerContact(clock);
        connectionFactory.addConnectionListener(contact);
        return contact;
    }
}
