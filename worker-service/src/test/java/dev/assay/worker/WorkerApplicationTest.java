package dev.assay.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import dev.assay.worker.config.WorkerProperties;
import dev.assay.worker.job.JobProcessor;

class WorkerApplicationTest extends BrokerTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void contextLoadsWithJsonMessagesAndConfirmedPublishing() {
        RabbitTemplate template = context.getBean(RabbitTemplate.class);

        assertThat(template.getMessageConverter()).isInstanceOf(JacksonJsonMessageConverter.class);
        CachingConnectionFactory connectionFactory = context.getBean(CachingConnectionFactory.class);
        assertThat(connectionFactory.isPublisherConfirms()).isTrue();
        assertThat(connectionFactory.isPublisherReturns()).isTrue();
        assertThat(template.isMandatoryFor(new Message(new byte[0]))).isTrue();
        assertThat(context.getBean(JobProcessor.class)).isNotNull();
        assertThat(context.getBean(WorkerProperties.class).concurrency()).isEqualTo(2);
    }

    @Test
    void writesEventsAsJsonWithIsoTimestampsAndTheirTypeForConsumers() {
        JobEvent event = new JobEvent(UUID.randomUUID(), "alice", JobStatus.PROCESSING, 1, 0.5, 10L, 2L, 20.0,
                Instant.parse("2026-12-03T10:15:30Z"), "worker-1", null, null);

        Message message = context.getBean(JacksonJsonMessageConverter.class).toMessage(event, new MessageProperties());

        assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
                .contains("\"timestamp\":\"2026-12-03T10:15:30Z\"")
                .contains("\"status\":\"PROCESSING\"");
        assertThat(message.getMessageProperties().getHeaders()).containsEntry("__TypeId__", JobEvent.class.getName());
    }
}
