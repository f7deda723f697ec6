package dev.assay.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LogFormatTest {

    private final LogFormat logFormat = new LogFormat();

    @Test
    void keepsTheHumanFormatByDefaultAndForText() {
        MockEnvironment unset = new MockEnvironment();
        MockEnvironment text = new MockEnvironment().withProperty(LogFormat.PROPERTY, "text");

        logFormat.postProcessEnvironment(unset, new SpringApplication());
        logFormat.postProcessEnvironment(text, new SpringApplication());

        assertThat(unset.getProperty(LogFormat.CONSOLE_FORMAT)).isNull();
        assertThat(text.getProperty(LogFormat.CONSOLE_FORMAT)).isNull();
    }

    @Test
    void writesElasticCommonSchemaJsonForJson() {
        MockEnvironment environment = new MockEnvironment().withProperty(LogFormat.PROPERTY, "JSON");

        logFormat.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(LogFormat.CONSOLE_FORMAT)).isEqualTo("ecs");
    }

    @Test
    void leavesAnExplicitSpringBootFormatAlone() {
        MockEnvironment environment = new MockEnvironment().withProperty(LogFormat.PROPERTY, "json")
                .withProperty(LogFormat.CONSOLE_FORMAT, "logstash");

        logFormat.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(LogFormat.CONSOLE_FORMAT)).isEqualTo("logstash");
    }

    @Test
    void refusesAnUnknownFormatNamingTheVariable() {
        MockEnvironment environment = new MockEnvironment().withProperty(LogFormat.PROPERTY, "xml");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> logFormat.postProcessEnvironment(environment, new SpringApplication()))
                .withMessageContaining("ASSAY_LOG_FORMAT").withMessageContaining("'xml'");
    }
}
