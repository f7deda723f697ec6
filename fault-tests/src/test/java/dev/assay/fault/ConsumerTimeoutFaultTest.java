package dev.assay.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.assay.fault.AssayCluster.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, fault 4: a job that runs longer than the broker's {@code consumer_timeout}, lowered to 5 s on the private
 * node (the broker closes the channel of a consumer that holds a message unacked past it, and delivers the message
 * again). The job is a large gzipped log: small to upload, long to analyse.
 */
class ConsumerTimeoutFaultTest {

    private static final Duration CONSUMER_TIMEOUT = Duration.ofSeconds(5);
    /** RabbitMQ checks the timeout on each channel tick, once a minute by default. */
    private static final Duration CHANNEL_TICK = Duration.ofSeconds(1);

    private static AssayCluster cluster;
    private static Path longFile;

    @BeforeAll
    static void startCluster() {
        // read by each channel when it opens: set before any process connects
        PrivateBroker.get().setRabbitEnv("consumer_timeout", Long.toString(CONSUMER_TIMEOUT.toMillis()));
        PrivateBroker.get().setRabbitEnv("channel_tick_interval", Long.toString(CHANNEL_TICK.toMillis()));
        cluster = AssayCluster.start("consumer-timeout", 1, 2,
                () -> longFile = FaultFiles.longEventLog());
    }

    @AfterAll
    static void stopCluster() {
        AssayCluster.closeQuietly(cluster);
        PrivateBroker.get().setRabbitEnv("consumer_timeout", "1800000");
        PrivateBroker.get().setRabbitEnv("channel_tick_interval", "60000");
    }

    @Test
    void aJobLongerThanTheConsumerTimeoutCompletesOnce() throws Exception {
        FaultReport report = new FaultReport("consumer-timeout");
        report.injected("consumer_timeout " + CONSUMER_TIMEOUT.toSeconds() + " s, channel tick "
                + CHANNEL_TICK.toSeconds() + " s on " + cluster.broker().node());
        AssayApi api = cluster.gateway().api(ALICE);
        try (LiveEvents live = cluster.gateway().live(ALICE)) {
            UUID id = api.upload(longFile).jobId();

            JobTally tally = JobTally.await(api, live, List.of(id), Duration.ofMinutes(5));
            report.counted(tally);
            JsonNode job = api.job(id).body();
            Duration ran = Duration.between(Instant.parse(job.get("startedAt").asString()),
                    Instant.parse(job.get("finishedAt").asString()));
            long workers = live.events(id).stream().filter(event -> event.status() == JobStatus.PROCESSING)
                    .map(JobEvent::workerId).distinct().count();
            report.note("the job ran " + ran.toMillis() + " ms; workers that processed it: " + workers);

            assertThat(tally.completed()).as("%s", tally).isEqualTo(1);
            assertThat(tally.duplicates()).as("COMPLETED pushed more than once: %s", tally).isZero();
            assertThat(ran).as("the job must outlast the consumer timeout and a tick, or this test proves nothing")
                    .isGreaterThan(CONSUMER_TIMEOUT.plus(CHANNEL_TICK.multipliedBy(2)));
        }
    }
}
