package dev.assay.worker;

import java.util.UUID;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;

import dev.assay.testsupport.LocalRabbitMq;

/**
 * A virtual host of its own on the local RabbitMQ, for a test that runs a worker of its own, so that the worker
 * shared by the other broker tests does not take its jobs. Deleted on {@link #close()}.
 */
final class OwnVirtualHost implements AutoCloseable {

    final String name;
    final CachingConnectionFactory connectionFactory;
    final RabbitTemplate rabbitTemplate;
    final RabbitAdmin admin;

    OwnVirtualHost(String prefix) {
        LocalRabbitMq broker = LocalRabbitMq.get();
        name = prefix + UUID.randomUUID().toString().substring(0, 8);
        LocalRabbitMq.rabbitmqctl("add_vhost", name);
        LocalRabbitMq.rabbitmqctl("set_permissions", "-p", name, broker.username(), ".*", ".*", ".*");
        connectionFactory = new CachingConnectionFactory(broker.host(), broker.port());
        connectionFactory.setUsername(broker.username());
        connectionFactory.setPassword(broker.password());
        connectionFactory.setVirtualHost(name);
        rabbitTemplate = new RabbitTemplate(connectionFactory);
        rabbitTemplate.setMessageConverter(new JacksonJsonMessageConverter("dev.assay.protocol"));
        admin = new RabbitAdmin(connectionFactory);
    }

    @Override
    public void close() {
        connectionFactory.destroy();
        LocalRabbitMq.rabbitmqctl("delete_vhost", name);
    }
}
