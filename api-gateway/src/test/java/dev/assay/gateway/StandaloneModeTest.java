package dev.assay.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.assay.gateway.config.AssayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default way to run: no ASSAY_MODE, no ASSAY_USERS, H2 and uploads in a temporary folder. The dashboard's
 * whole sign-in flow over real HTTP with cookies, CSRF and a session, an upload that the in-process pool finishes,
 * and the public endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class StandaloneModeTest {

    private static final Path DATA = temporaryDirectory();
    private static final Pattern DEMO_SIGN_IN =
            Pattern.compile("Assay is running at http://localhost:(\\d+) — sign in as demo / (\\S+)");

    @DynamicPropertySource
    static void standalone(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("assay")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        registry.add("assay.storage.dir", () -> DATA.resolve("uploads").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    AssayProperties properties;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void printsTheUrlAndTheDemoUsersPasswordAndTheBrowserSignsInWithItAndUploads(CapturedOutput output)
            throws Exception {
        Matcher printed = DEMO_SIGN_IN.matcher(output.getAll());
        assertThat(printed.find()).as("the sign-in line in the startup log").isTrue();
        assertThat(Integer.parseInt(printed.group(1))).isEqualTo(port);
        assertThat(properties.mode()).isEqualTo(AssayProperties.Mode.STANDALONE);
        String password = printed.group(2);

        assertThat(send(get("/api/auth/csrf")).statusCode()).isEqualTo(204);
        String xsrf = cookie("XSRF-TOKEN");
        assertThat(xsrf).isNotBlank();

        HttpResponse<String> refused = send(json(post("/api/auth/login"), credentials(password)));
        assertThat(refused.statusCode()).as("login without the CSRF header").isEqualTo(403);

        HttpResponse<String> login = send(json(post("/api/auth/login"), credentials(password))
                .header("X-XSRF-TOKEN", xsrf));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(body(login).get("username").asString()).isEqualTo("demo");
        assertThat(body(login).get("roles").get(0).asString()).isEqualTo("USER");
        assertThat(cookie("JSESSIONID")).isNotBlank();
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(value -> value.startsWith("JSESSIONID="))
                .as("the session cookie: not for scripts, not on cross-site subrequests, Secure only over HTTPS")
                .singleElement().asString().contains("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .doesNotContain("Secure");

        assertThat(body(send(get("/api/auth/me"))).get("username").asString()).isEqualTo("demo");
        assertThat(cookie("XSRF-TOKEN")).as("a new CSRF token after sign-in").isNotBlank().isNotEqualTo(xsrf);

        HttpResponse<String> withoutToken = send(multipart(post("/api/jobs"), "events.csv",
                "user,ts\nu1,2026-01-01T00:00:00Z\nu2,2026-01-01T01:00:00Z\n"));
        assertThat(withoutToken.statusCode()).as("a session upload without the CSRF header").isEqualTo(403);

        HttpResponse<String> accepted = send(multipart(post("/api/jobs"), "events.csv",
                "user,ts\nu1,2026-01-01T00:00:00Z\nu2,2026-01-01T01:00:00Z\n").header("X-XSRF-TOKEN", cookie("XSRF-TOKEN")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode job = body(accepted).get("jobs").get(0);
        assertThat(job.get("status").asString()).isEqualTo("QUEUED");
        assertThat(job.get("fileName").asString()).isEqualTo("events.csv");
        String id = job.get("id").asString();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> body(send(get("/api/jobs/" + id))).get("status").asString(),
                status -> status.equals("COMPLETED") || status.equals("FAILED"));
        assertThat(body(send(get("/api/jobs?status=QUEUED"))).get("totalItems").asLong()).isZero();

        HttpResponse<String> logout = send(post("/api/auth/logout").POST(HttpRequest.BodyPublishers.noBody())
                .header("X-XSRF-TOKEN", cookie("XSRF-TOKEN")));
        assertThat(logout.statusCode()).isEqualTo(204);
        HttpResponse<String> afterLogout = send(get("/api/auth/me"));
        assertThat(afterLogout.statusCode()).isEqualTo(401);
        assertThat(afterLogout.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void healthAndTheApiDescriptionArePublicAndUnknownApiPathsAre404() throws Exception {
        HttpResponse<String> health = send(get("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(body(health).get("status").asString()).isEqualTo("UP");

        HttpResponse<String> docs = send(get("/v3/api-docs"));
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(body(docs).get("paths").has("/api/jobs")).isTrue();
        assertThat(body(docs).get("paths").has("/api/jobs/{id}/result")).isTrue();
        assertThat(body(docs).get("paths").has("/api/auth/logout")).isTrue();
        JsonNode form = body(docs).at("/paths/~1api~1jobs/post/requestBody/content/multipart~1form-data/schema");
        assertThat(form.isMissingNode()).as("the upload's multipart form is described").isFalse();

        assertThat(send(get("/api/no-such-thing")).statusCode()).as("anonymous").isEqualTo(401);
    }

    @Test
    void clientRoutesOfTheDashboardServeItsIndexPage() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ClassPathResource("static/index.html").exists(),
                "the dashboard is built into the frontend jar");
        HttpResponse<String> route = send(get("/jobs/3f1c0f5e-0000-4000-8000-000000000000"));
        assertThat(route.statusCode()).isEqualTo(200);
        assertThat(route.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(route.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    private String credentials(String password) {
        return "{\"username\":\"demo\",\"password\":\"" + password + "\"}";
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    private static HttpRequest.Builder json(HttpRequest.Builder request, String body) {
        return request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder multipart(HttpRequest.Builder request, String fileName, String content) {
        String boundary = "standalone-mode-test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("assay-standalone-mode-");
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> FileSystemUtils.deleteRecursively(directory.toFile()), "delete-" + directory.getFileName()));
            return directory;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
