package dev.assay.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.assay.gateway.job.JobService;
import dev.assay.gateway.job.NewFile;
import dev.assay.gateway.storage.FileStore;
import dev.assay.protocol.JobStatus;
import dev.assay.testsupport.LocalPostgres;
import dev.assay.testsupport.LocalRabbitMq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Fair sharing between users (issue 7) on the real pipeline: this gateway (cluster profile) and two worker-service
 * applications running one job at a time, on a broker virtual host and a database of their own, so that no other
 * test's gateway or jobs take part. One user's batch must not starve another user's single file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("cluster")
class FairSharingE2eTest {

    private static final Path STORAGE = E2eFiles.temporaryDirectory("assay-e2e-fair-");
    private static final List<ConfigurableApplicationContext> WORKERS = new ArrayList<>();
    private static LocalRabbitMq broker;
    private static LocalPostgres database;

    @Autowired
    JobService jobs;
    @Autowired
    FileStore files;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void cluster(DynamicPropertyRegistry registry) {
        broker().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        database().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("assay.storage.dir", STORAGE::toString);
        registry.add("assay.cluster.heartbeat-interval", () -> "1s");
    }

    private static synchronized LocalRabbitMq broker() {
        if (broker == null) {
            broker = LocalRabbitMq.withNewVirtualHost();
        }
        return broker;
    }

    private static synchronized LocalPostgres database() {
        if (database == null) {
            database = LocalPostgres.withNewDatabase();
        }
        return database;
    }

    @BeforeAll
    static void startWorkers() {
        for (int i = 1; i <= 2; i++) {
            WORKERS.add(ClusterPipelineE2eTest.startWorker(STORAGE, broker(), Map.of()));
        }
    }

    @AfterAll
    static void stopWorkers() throws IOException {
        WORKERS.forEach(ConfigurableApplicationContext::close);
        WORKERS.clear();
        FileSystemUtils.deleteRecursively(STORAGE);
    }

    @Test
    void aSingleFileOfOneUserCompletesLongBeforeAnotherUsersBatchOf300() throws IOException {
        List<NewFile> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(smallFile("batch-" + i + ".csv"));
        }
        NewFile single = smallFile("single.csv");

        jobs.submit("ann", batch, Map.of());
        await("ann's batch has started").atMost(Duration.ofSeconds(60))
                .until(() -> completedOf("ann") >= 1);
        long annDoneBeforeBob = completedOf("ann");
        UUID bobsJob = jobs.submit("bob", List.of(single), Map.of()).get(0).id();
        await("bob's job completes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobs.get(bobsJob, "bob").status() == JobStatus.COMPLETED);
        long annDoneMeanwhile = jdbc.sql("""
                        SELECT COUNT(*) FROM jobs WHERE owner = 'ann' AND status = 'COMPLETED'
                        AND finished_at <= (SELECT finished_at FROM jobs WHERE id = :bob)""")
                .param("bob", bobsJob).query(Long.class).single() - annDoneBeforeBob;

        System.out.printf("Fair sharing: bob's single job completed while ann's batch completed %d more job(s)"
                + " (%d of 300 done before bob submitted)%n", annDoneMeanwhile, annDoneBeforeBob);
        assertThat(annDoneMeanwhile).as("ann's jobs completed between bob's upload and bob's result").isLessThan(30);
        assertThat(completedOf("ann")).as("ann's batch is still being worked through").isLessThan(300);
    }

    private long completedOf(String owner) {
        return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE owner = :owner AND status = 'COMPLETED'")
                .param("owner", owner).query(Long.class).single();
    }

    private NewFile smallFile(String name) throws IOException {
        byte[] content = ("user,ts,amount\nu1,2026-01-01T00:00:00Z,1\nu2,2026-01-01T00:00:01Z,2\n" + name + "\n")
                .getBytes(StandardCharsets.UTF_8);
        return new NewFile(name, files.store(new ByteArrayInputStream(content)));
    }
}
