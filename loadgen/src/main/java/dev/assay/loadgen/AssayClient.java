package dev.assay.loadgen;

import java.io.IOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's HTTP API as one user sees it: upload one file, read one job's state. Authenticated either by HTTP
 * Basic on every request or, like the dashboard ({@code frontend/src/lib/api-client.ts}), by a session: {@link
 * #signIn()} fetches the {@code XSRF-TOKEN} cookie ({@code GET /api/auth/csrf}), signs in ({@code POST
 * /api/auth/login} with the token in {@code X-XSRF-TOKEN}; the sign-in deletes that token, so a second {@code GET
 * /api/auth/csrf} fetches the session's new one) and keeps the session cookie and the new CSRF token for every later
 * request. Thread-safe after {@link #signIn()}; all users share one {@link HttpClient} (without a cookie
 * handler: each user keeps its own cookies here).
 */
final class AssayClient {

    static final String CSRF_COOKIE = "XSRF-TOKEN";
    static final String CSRF_HEADER = "X-XSRF-TOKEN";
    static final String SESSION_COOKIE = "JSESSIONID";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI base;
    private final String user;
    private final String password;
    private final boolean session;
    private final String authorization;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private volatile String[] requestHeaders;

    /** @param session sign in once and use the session ({@link #signIn()} first), rather than HTTP Basic */
    AssayClient(HttpClient http, URI base, String user, String password, boolean session) {
        this.http = http;
        this.base = base;
        this.user = user;
        this.password = password;
        this.session = session;
        this.authorization = basic(user, password);
        this.requestHeaders = session ? new String[0] : new String[] {"Authorization", authorization};
    }

    /**
     * With a session: signs in the way the dashboard does. With HTTP Basic: nothing to do.
     *
     * @throws IllegalStateException when the gateway does not answer as expected
     */
    void signIn() throws IOException, InterruptedException {
        if (!session) {
            return;
        }
        fetchCsrfToken();
        String token = requireCookie(CSRF_COOKIE, "GET /api/auth/csrf");
        String body = JSON.writeValueAsString(Map.of("username", user, "password", password));
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(base.resolve("/api/auth/login"))
                .header("Content-Type", "application/json")
                .header("Cookie", cookieHeader(cookies))
                .header(CSRF_HEADER, token)
                .timeout(Duration.ofSeconds(60))
                .POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("POST /api/auth/login for " + user + " answered " + login.statusCode()
                    + ": " + abbreviate(login.body()));
        }
        updateCookies(cookies, login.headers().allValues("Set-Cookie"));
        requireCookie(SESSION_COOKIE, "POST /api/auth/login");
        if (!cookies.containsKey(CSRF_COOKIE)) {
            // The sign-in deleted the old token and made no new one yet: ask again, as the dashboard does
            // (ensureCsrfToken) before its next unsafe request.
            fetchCsrfToken();
        }
        requestHeaders = new String[] {"Cookie", cookieHeader(cookies), CSRF_HEADER,
                requireCookie(CSRF_COOKIE, "GET /api/auth/csrf after the sign-in")};
    }

    private void fetchCsrfToken() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/auth/csrf"))
                .timeout(Duration.ofSeconds(60)).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookieHeader(cookies));
        }
        HttpResponse<String> csrf = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (csrf.statusCode() / 100 != 2) {
            throw new IllegalStateException("GET /api/auth/csrf for " + user + " answered " + csrf.statusCode());
        }
        updateCookies(cookies, csrf.headers().allValues("Set-Cookie"));
    }

    private String requireCookie(String name, String request) {
        String value = cookies.get(name);
        if (value == null) {
            throw new IllegalStateException(request + " for " + user + " set no " + name + " cookie");
        }
        return value;
    }

    /**
     * Applies {@code Set-Cookie} headers to {@code jar} in order: an empty value or {@code Max-Age=0} removes the
     * cookie (a sign-in first deletes the old {@code XSRF-TOKEN}, then sets a new one).
     */
    static void updateCookies(Map<String, String> jar, List<String> setCookieHeaders) {
        for (String header : setCookieHeaders) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
                if (cookie.getValue() == null || cookie.getValue().isEmpty() || cookie.getMaxAge() == 0) {
                    jar.remove(cookie.getName());
                } else {
                    jar.put(cookie.getName(), cookie.getValue());
                }
            }
        }
    }

    static String cookieHeader(Map<String, String> jar) {
        return jar.entrySet().stream().map(e -> e.getKey() + '=' + e.getValue()).collect(Collectors.joining("; "));
    }

    /** Headers (name/value pairs) that authenticate an API request, and the WebSocket handshake. */
    String[] requestHeaders() {
        return requestHeaders.clone();
    }

    /** Headers (name/value pairs) the STOMP CONNECT frame must carry: the CSRF token with a session. */
    String[] connectHeaders() {
        String[] headers = requestHeaders;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equals(CSRF_HEADER)) {
                return new String[] {CSRF_HEADER, headers[i + 1]};
            }
        }
        return new String[0];
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((user + ':' + password).getBytes(StandardCharsets.UTF_8));
    }

    String user() {
        return user;
    }

    String authorization() {
        return authorization;
    }

    /** The answer to an upload: the HTTP status and, on 202, the ids of the accepted jobs. */
    record UploadAnswer(int status, List<UUID> jobIds, String problem) {
    }

    /** Posts {@code file} as the single {@code files} part of a multipart request. */
    UploadAnswer upload(UploadFile file) throws IOException, InterruptedException {
        String boundary = "loadgen-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\"" + file.name().replace("\"", "_")
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/jobs"))
                .headers(requestHeaders)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(5))
                .POST(BodyPublishers.concat(BodyPublishers.ofString(head, StandardCharsets.UTF_8), file.body(),
                        BodyPublishers.ofString(tail, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            return new UploadAnswer(response.statusCode(), List.of(), abbreviate(response.body()));
        }
        List<UUID> ids = new ArrayList<>();
        for (JsonNode job : JSON.readTree(response.body()).path("jobs")) {
            ids.add(UUID.fromString(job.path("id").asString()));
        }
        if (ids.isEmpty()) {
            return new UploadAnswer(response.statusCode(), ids, "202 without jobs: " + abbreviate(response.body()));
        }
        return new UploadAnswer(response.statusCode(), ids, null);
    }

    /** The job's {@code status} as the API answers it now, or {@code HTTP <code>} when it does not answer 200. */
    String status(UUID jobId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/jobs/" + jobId))
                .headers(requestHeaders)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        return JSON.readTree(response.body()).path("status").asString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
