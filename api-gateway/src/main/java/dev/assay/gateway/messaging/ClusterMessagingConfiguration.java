package dev.assay.gateway.messaging;

import dev.assay.worker.messaging.BrokerTopology;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import tools.jackson.databind.json.JsonMapper;

/**
 * RabbitMQ in cluster mode: the shared topology as the workers declare it (imported, never re-declared) and JSON
 * messages, which Boot's template and listener containers pick up.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cluster")
@Import(BrokerTopology.class)
class ClusterMessagingConfiguration {

    @Bean
    JacksonJsonMessageConverter jsonMessageConverter(JsonMapper jsonMapper) {
        return new JacksonJsonMessageConverter(jsonMapper, "dev.assay.protocol");
    }
}
