package dev.assay.worker.messaging;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.assay.worker.config.WorkerProperties;

/** Boot's RabbitMQ beans, customised for the worker: JSON messages, and a job consumer with manual acks. */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    /** Name of the container factory of the job consumers. */
    static final String JOB_LISTENER_FACTORY = "jobListenerContainerFactory";

    @Bean
    JacksonJsonMessageConverter jsonMessageConverter(JsonMapper jsonMapper) {
        return new JacksonJsonMessageConverter(jsonMapper, "dev.assay.protocol");
    }

    /**
     * Boot's container settings plus: one consumer per configured thread, one unacknowledged job per consumer, acks
     * by the listener once the job has started (see {@link JobListener}), and a grace period for running jobs at
     * shutdown.
     */
    @Bean(JOB_LISTENER_FACTORY)
    SimpleRabbitListenerContainerFactory jobListenerContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
            WorkerProperties properties) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        factory.setPrefetchCount(1);
        factory.setConcurrentConsumers(properties.concurrency());
        factory.setMaxConcurrentConsumers(properties.concurrency());
        factory.setContainerCustomizer(container ->
                container.setShutdownTimeout(properties.shutdownTimeout().toMillis()));
        return factory;
    }

    @Bean
    RabbitEventSink eventSink(RabbitTemplate rabbitTemplate, WorkerProperties properties) {
        return new RabbitEventSink(rabbitTemplate, properties.confirmTimeout());
    }
}
