package dev.assay.gateway.security;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import dev.assay.gateway.job.Job;
import dev.assay.gateway.job.JobRepository;
import dev.assay.gateway.token.ApiTokens;
import dev.assay.protocol.JobStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One standalone gateway (H2 and uploads in a temporary folder, in-process workers) shared by the security tests,
 * with three users from {@code assay.users}: {@code alice} and {@code bob} (USER) and {@code root} (ADMIN). Requests
 * authenticate for real, with a personal API token per user (cheap, unlike BCrypt on every Basic request).
 */
@SpringBootTest
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@ActiveProfiles("standalone")
public abstract class SecuredGatewayTest {

    protected static final String ALICE = "alice";
    protected static final String BOB = "bob";
    protected static final String ROOT = "root";
    protected static final String PASSWORD = "password-of-a-test-user";

    private static final Path DATA = temporaryDirectory();

    @DynamicPropertySource
    static void standalone(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("assay")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        registry.add("assay.storage.dir", SecuredGatewayTest::storageDir);
        registry.add("assay.users", () -> ALICE + ":" + PASSWORD + "," + BOB + ":" + PASSWORD + "," + ROOT + ":"
                + PASSWORD + ":ADMIN");
        registry.add("assay.worker.concurrency", () -> "2");
    }

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected ApiTokens tokens;
    @Autowired
    protected JobRepository jobRepository;

    protected static String storageDir() {
        return DATA.resolve("uploads").toString();
    }

    /** Authenticates as the user with a fresh personal API token. */
    protected RequestPostProcessor as(String username) {
        String secret = tokens.create(username, "test", Duration.ofHours(1)).secret();
        return request -> {
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + secret);
            return request;
        };
    }

    /** A multipart upload of one file, its name given exactly (RFC 5987 {@code filename*}) to allow any character. */
    protected static MockHttpServletRequestBuilder upload(String fileName, String content) {
        String boundary = "matrix-" + UUID.randomUUID();
        String encodedName = java.net.URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"upload\"; "
                + "filename*=UTF-8''" + encodedName + "\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--"
                + boundary + "--\r\n";
        return post("/api/jobs").contentType("multipart/form-data; boundary=" + boundary)
                .content(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads a file as the user and returns its job id. */
    protected UUID uploaded(String username, String fileName, String content) throws Exception {
        String answer = mvc.perform(upload(fileName, content).with(as(username)))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode job = json.readTree(answer).path("jobs").path(0);
        if (job.isMissingNode()) {
            throw new IllegalStateException("Upload refused: " + answer);
        }
        return UUID.fromString(job.path("id").asString());
    }

    /** Uploads a file as the user and waits until its job is COMPLETED. */
    protected UUID completed(String username, String fileName, String content) throws Exception {
        UUID id = uploaded(username, fileName, content);
        await().atMost(Duration.ofSeconds(60)).until(() -> jobRepository.findById(id).map(Job::status)
                .orElseThrow() == JobStatus.COMPLETED);
        return id;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("assay-security-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
