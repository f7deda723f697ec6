package dev.assay.gateway.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.assay.gateway.live.LivePush;
import dev.assay.gateway.live.LiveSessions;
import dev.assay.gateway.token.ApiTokens;
import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.web.socket.WebSocketHttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Who may connect to {@code /ws} and what a connected client may do: same-origin handshakes only, the CSRF token
 * on CONNECT for a browser session, subscriptions to one's own user queue only, no sending.
 */
class LiveSecurityE2eTest extends StandaloneGatewayTest {

    @Autowired
    LivePush livePush;

    @Autowired
    LiveSessions liveSessions;

    @Autowired
    ApiTokens tokens;

    @Test
    void connectedSessionsAreCounted() throws Exception {
        int before = liveSessions.count();
        try (LiveClient client = LiveClient.connect(port, User.ALICE.name(), User.ALICE.password(), json)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> liveSessions.count() == before + 1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> liveSessions.count() == before);
    }

    @Test
    void aHandshakeFromAnotherOriginIsRefused() throws IOException {
        assertThat(handshakeStatus("http://evil.example")).isEqualTo(403);
        assertThat(handshakeStatus("http://localhost:" + port)).isEqualTo(101);
    }

    @Test
    void aPersonalApiTokenOpensTheLiveConnectionToOnesOwnQueueUntilItIsRevoked() throws Exception {
        ApiTokens.Created token = tokens.create(User.ALICE.name(), "live", Duration.ofHours(1));
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.set(HttpHeaders.AUTHORIZATION, "Bearer " + token.secret());
        try (LiveClient alice = LiveClient.connect(port, User.ALICE.name(), handshake, new StompHeaders(), json)) {
            livePush.push(event("bob"));
            livePush.push(event("alice"));
            await().atMost(Duration.ofSeconds(5)).until(() -> alice.events().size() == 1);
            assertThat(alice.events().get(0).owner()).isEqualTo("alice");
        }
        tokens.revoke(token.token().id(), User.ALICE.name());
        assertThatThrownBy(() -> LiveClient.connect(port, User.ALICE.name(), handshake, new StompHeaders(), json)
                .close()).isInstanceOf(Exception.class);
    }

    @Test
    void aHandshakeWithoutCredentialsIsRefused() {
        assertThatThrownBy(() -> LiveClient.connect(port, "nobody", new WebSocketHttpHeaders(), new StompHeaders(),
                json).close()).isInstanceOf(Exception.class);
    }

    @Test
    void aBrowserSessionConnectsWithTheCsrfTokenOfItsCookieAndNotWithout() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
        String base = "http://localhost:" + port;
        browser.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/csrf")).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"alice\",\"password\":\"" + User.ALICE.password() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        browser.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/csrf")).build(),
                HttpResponse.BodyHandlers.discarding());
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.set(HttpHeaders.COOKIE, cookies.getCookieStore().getCookies().stream()
                .map(HttpCookie::toString).collect(Collectors.joining("; ")));

        assertThatThrownBy(() -> LiveClient.connect(port, "alice", handshake, new StompHeaders(), json).close())
                .as("CONNECT without the CSRF token").isInstanceOf(Exception.class);

        StompHeaders withToken = new StompHeaders();
        withToken.set("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"));
        try (LiveClient client = LiveClient.connect(port, "alice", handshake, withToken, json)) {
            livePush.push(event("alice"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.events().isEmpty());
        }
    }

    @Test
    void aClientCanNeitherSendNorSubscribeToAnythingButItsOwnQueue() throws Exception {
        try (LiveClient bob = LiveClient.connect(port, User.BOB.name(), User.BOB.password(), json);
             LiveClient carol = LiveClient.connect(port, User.CAROL.name(), User.CAROL.password(), json)) {
            carol.send("/user/bob/queue/jobs", Map.of("jobId", "forged"));
            await("the sender is disconnected").atMost(Duration.ofSeconds(5)).until(() -> !carol.isConnected());

            try (LiveClient snoop = LiveClient.connect(port, User.CAROL.name(), User.CAROL.password(), json)) {
                assertThatThrownBy(() -> snoop.subscribe("/queue/jobs")).isInstanceOf(Exception.class);
            }
            try (LiveClient snoop = LiveClient.connect(port, User.CAROL.name(), User.CAROL.password(), json)) {
                assertThatThrownBy(() -> snoop.subscribe("/user/bob/queue/jobs")).isInstanceOf(Exception.class);
            }
            livePush.push(event("bob"));
            await().atMost(Duration.ofSeconds(5)).until(() -> bob.events().size() == 1);
            assertThat(bob.events().get(0).owner()).isEqualTo("bob");
        }
    }

    private static JobEvent event(String owner) {
        return new JobEvent(UUID.randomUUID(), owner, JobStatus.QUEUED, 1, null, null, null, null,
                Instant.now(), null, null, null);
    }

    private static String cookie(CookieManager cookies, String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(name))
                .reduce((first, second) -> second)
                .map(HttpCookie::getValue)
                .orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    /** The status of a raw WebSocket handshake with HTTP Basic and the given Origin. */
    private int handshakeStatus(String origin) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(5000);
            String request = "GET /ws HTTP/1.1\r\n"
                    + "Host: localhost:" + port + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Origin: " + origin + "\r\n"
                    + "Authorization: " + LiveClient.basic(User.ALICE.name(), User.ALICE.password()) + "\r\n"
                    + "\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
