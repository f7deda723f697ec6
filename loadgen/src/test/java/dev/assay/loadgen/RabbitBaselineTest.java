package dev.assay.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import dev.assay.testsupport.LocalRabbitMq;
import org.junit.jupiter.api.Test;

class RabbitBaselineTest {

    @Test
    void everyConfirmedMessageIsConsumedAndTimed() throws Exception {
        LocalRabbitMq broker = LocalRabbitMq.get();
        String uri = "amqp://" + broker.username() + ":" + broker.password() + "@" + broker.host() + ":"
                + broker.port() + "/" + URLEncoder.encode(broker.virtualHost(), StandardCharsets.UTF_8);
        Options options = Options.parse("--mode", "rabbit", "--amqp", uri, "--messages", "200",
                "--message-size", "400", "--publishers", "2", "--consumers", "2");

        RabbitBaseline.Result result = new RabbitBaseline(options).run();

        assertThat(result.passed(200)).isTrue();
        assertThat(result.published()).isEqualTo(200);
        assertThat(result.consumed()).isEqualTo(200);
        assertThat(result.confirmLatency().count()).isEqualTo(200);
        assertThat(result.endToEndLatency().count()).isEqualTo(200);
        assertThat(result.confirmLatency().p50()).isPositive();
        assertThat(result.publishedPerSecond()).isPositive();
        assertThat(result.settings()).containsEntry("messageBytes", 400);
    }
}
