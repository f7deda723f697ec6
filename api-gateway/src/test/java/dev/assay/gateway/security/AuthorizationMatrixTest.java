package dev.assay.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the gateway × {anonymous, owner, other user, administrator}, with the status each must get.
 * The endpoints are read from Spring's handler mapping: an endpoint without a row here fails the test. Anonymous
 * callers get 401 (unless the endpoint is public), another user gets 404 for the owner's things (never 403, never
 * the data), the administrator what is documented.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends SecuredGatewayTest {

    private static final String OWNER = ALICE;
    private static final String OTHER = BOB;
    private static final String ADMIN = ROOT;
    private static final int PUBLIC = -1;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    UserAccounts accounts;
    @Autowired
    Passwords passwords;

    private UUID ownersJob;
    private final Map<String, RequestPostProcessor> callers = new java.util.HashMap<>();

    /** Things made fresh for one request that destroys or changes them: the owner's job, token, another user. */
    private final class Target {

        UUID job() {
            try {
                return uploaded(OWNER, "to-delete.csv", "a\n1\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        UUID token() {
            return tokens.create(OWNER, "to revoke", Duration.ofHours(1)).token().id();
        }

        String user() {
            String name = "throwaway-" + UUID.randomUUID();
            accounts.create(name, passwords.hashOfNew("long-enough-0"), Role.USER);
            return name;
        }
    }

    /**
     * One endpoint and what each caller gets.
     *
     * @param anonymous the status without credentials; {@link #PUBLIC} when the endpoint is open to anyone
     */
    private record Row(HttpMethod method, String pattern, Function<Target, String> uri, String body,
            int anonymous, int owner, int other, int admin) {

        String key() {
            return method.name() + " " + pattern;
        }
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(row(HttpMethod.GET, "/api/auth/csrf", t -> "/api/auth/csrf", null, 204, 204, 204, 204));
        // Without credentials the sign-in needs the CSRF token first (403); with a token the password is checked.
        rows.add(row(HttpMethod.POST, "/api/auth/login", t -> "/api/auth/login",
                "{\"username\":\"alice\",\"password\":\"wrong\"}", 403, 401, 401, 401));
        rows.add(row(HttpMethod.GET, "/api/auth/me", t -> "/api/auth/me", null, 401, 200, 200, 200));
        rows.add(row(HttpMethod.POST, "/api/auth/password", t -> "/api/auth/password",
                "{\"currentPassword\":\"not-it\",\"newPassword\":\"long-enough-1\"}", 401, 400, 400, 400));
        rows.add(row(HttpMethod.GET, "/api/jobs", t -> "/api/jobs?scope=all", null, 401, 200, 200, 200));
        rows.add(row(HttpMethod.POST, "/api/jobs", t -> "/api/jobs", null, 401, 202, 202, 202));
        rows.add(row(HttpMethod.GET, "/api/jobs/{id}", t -> "/api/jobs/" + ownersJob, null, 401, 200, 404, 200));
        rows.add(row(HttpMethod.GET, "/api/jobs/{id}/result", t -> "/api/jobs/" + ownersJob + "/result", null,
                401, 200, 404, 200));
        rows.add(row(HttpMethod.GET, "/api/jobs/{id}/result.csv", t -> "/api/jobs/" + ownersJob + "/result.csv",
                null, 401, 200, 404, 200));
        rows.add(row(HttpMethod.GET, "/api/jobs/{id}/file", t -> "/api/jobs/" + ownersJob + "/file", null,
                401, 200, 404, 200));
        // The job is COMPLETED: neither can be cancelled nor retried, but the owner and the administrator are told
        // so (409) where another user learns nothing (404).
        rows.add(row(HttpMethod.POST, "/api/jobs/{id}/cancel", t -> "/api/jobs/" + ownersJob + "/cancel", null,
                401, 409, 404, 409));
        rows.add(row(HttpMethod.POST, "/api/jobs/{id}/retry", t -> "/api/jobs/" + ownersJob + "/retry", null,
                401, 409, 404, 409));
        rows.add(row(HttpMethod.DELETE, "/api/jobs/{id}", t -> "/api/jobs/" + t.job(), null, 401, 204, 404, 204));
        rows.add(row(HttpMethod.GET, "/api/tokens", t -> "/api/tokens", null, 401, 200, 200, 200));
        rows.add(row(HttpMethod.POST, "/api/tokens", t -> "/api/tokens", "{\"name\":\"matrix\"}", 401, 201, 201,
                201));
        // Tokens are personal: not even an administrator revokes someone else's.
        rows.add(row(HttpMethod.DELETE, "/api/tokens/{id}", t -> "/api/tokens/" + t.token(), null, 401, 204, 404,
                404));
        rows.add(row(HttpMethod.GET, "/api/cluster", t -> "/api/cluster", null, 401, 404, 404, 200));
        rows.add(row(HttpMethod.GET, "/api/admin/users", t -> "/api/admin/users", null, 401, 404, 404, 200));
        rows.add(row(HttpMethod.GET, "/api/admin/quota-defaults", t -> "/api/admin/quota-defaults", null, 401, 404,
                404, 200));
        rows.add(row(HttpMethod.POST, "/api/admin/users", t -> "/api/admin/users",
                "{\"username\":\"made-" + UUID.randomUUID() + "\",\"password\":\"long-enough-1\"}", 401, 404, 404,
                201));
        rows.add(row(HttpMethod.PATCH, "/api/admin/users/{username}", t -> "/api/admin/users/" + t.user(),
                "{\"enabled\":true}", 401, 404, 404, 200));
        rows.add(row(HttpMethod.POST, "/api/admin/users/{username}/password",
                t -> "/api/admin/users/" + t.user() + "/password", "{\"password\":\"long-enough-2\"}", 401, 404, 404,
                204));
        rows.add(row(HttpMethod.DELETE, "/api/admin/users/{username}", t -> "/api/admin/users/" + t.user(), null,
                401, 404, 404, 204));
        rows.add(row(HttpMethod.GET, "/v3/api-docs", t -> "/v3/api-docs", null, PUBLIC, 200, 200, 200));
        return rows;
    }

    private static Row row(HttpMethod method, String pattern, Function<Target, String> uri, String body,
            int anonymous, int owner, int other, int admin) {
        return new Row(method, pattern, uri, body, anonymous, owner, other, admin);
    }

    @BeforeAll
    void theOwnersCompletedJob() throws Exception {
        ownersJob = completed(OWNER, "matrix.csv", "user,amount\nu1,3\nu2,4\n");
        for (String user : List.of(OWNER, OTHER, ADMIN)) {
            callers.put(user, as(user));
        }
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name)
                    .collect(Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                methods.forEach(method -> endpoints.add(method + " " + pattern));
                if (methods.isEmpty()) {
                    endpoints.add("ANY " + pattern);
                }
            }
        }
        Set<String> covered = rows().stream().map(Row::key).collect(Collectors.toSet());
        covered.addAll(NOT_API);
        assertThat(new TreeSet<>(covered)).as("rows of the matrix").containsAll(endpoints);
    }

    /** Mappings outside the API that need no row: Spring's error page and the OpenAPI document's other forms. */
    private static final Set<String> NOT_API = Set.of("ANY /error", "GET /error", "GET /v3/api-docs.yaml",
            "GET /v3/api-docs/{group}", "GET /v3/api-docs.yaml/{group}", "GET /v3/api-docs/swagger-config",
            "GET /swagger-ui.html");

    @Test
    void everyCallerGetsWhatTheMatrixSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            check(row, "anonymous", null, row.anonymous() == PUBLIC ? row.owner() : row.anonymous(), wrong);
            check(row, "owner", OWNER, row.owner(), wrong);
            check(row, "other user", OTHER, row.other(), wrong);
            check(row, "admin", ADMIN, row.admin(), wrong);
        }
        assertThat(wrong).as("cells of the matrix that do not hold").isEmpty();
    }

    private void check(Row row, String who, String user, int expected, List<String> wrong) throws Exception {
        String uri = row.uri().apply(new Target());
        MockHttpServletRequestBuilder request = row.key().equals("POST /api/jobs")
                ? upload("matrix-upload.csv", "a,b\n1,2\n")
                : request(row.method(), uri);
        if (row.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(row.body());
        }
        if (user != null) {
            request.with(callers.get(user));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        if (response.getStatus() != expected) {
            wrong.add(row.key() + " as " + who + ": expected " + expected + ", got " + response.getStatus() + " "
                    + response.getContentAsString(StandardCharsets.UTF_8));
        }
        if (expected == 404 && user != null && response.getContentAsString().contains(ownersJob.toString())
                && !response.getContentAsString().contains("There is no job")) {
            wrong.add(row.key() + " as " + who + ": the 404 shows the owner's data");
        }
    }
}
