package dev.assay.gateway.e2e;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * One standalone gateway for the tests that extend this class (Spring caches the context between them): H2 and the
 * upload folder in a temporary directory, no broker, two in-process workers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("standalone")
abstract class StandaloneGatewayTest {

    static final Path DATA = E2eFiles.temporaryDirectory("assay-e2e-standalone-");

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void standalone(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("assay")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        registry.add("assay.storage.dir", () -> DATA.resolve("uploads").toString());
        registry.add("assay.users", User::assayUsers);
        registry.add("assay.worker.concurrency", () -> "2");
        registry.add("assay.worker.heartbeat-interval", () -> "1s");
        registry.add("assay.cluster.heartbeat-interval", () -> "1s");
    }
}
