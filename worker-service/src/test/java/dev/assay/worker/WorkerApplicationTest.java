package dev.assay.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

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
}
