package dev.assay.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AssayClientTest {

    @Test
    void signInReplacesTheCsrfCookieAndAddsTheSession() {
        Map<String, String> jar = new LinkedHashMap<>();
        AssayClient.updateCookies(jar, List.of("XSRF-TOKEN=first; Path=/; SameSite=Strict"));
        assertThat(jar).containsExactly(Map.entry("XSRF-TOKEN", "first"));

        // what POST /api/auth/login answers: the old token deleted, a new session id, a new token
        AssayClient.updateCookies(jar, List.of("XSRF-TOKEN=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:10 GMT; Path=/",
                "JSESSIONID=ABC123; Path=/; HttpOnly", "XSRF-TOKEN=second; Path=/; SameSite=Strict"));
        assertThat(jar).containsOnly(Map.entry("JSESSIONID", "ABC123"), Map.entry("XSRF-TOKEN", "second"));
        assertThat(AssayClient.cookieHeader(jar)).isIn("JSESSIONID=ABC123; XSRF-TOKEN=second",
                "XSRF-TOKEN=second; JSESSIONID=ABC123");
    }

    @Test
    void basicSendsTheAuthorizationHeaderAndNothingInConnect() throws Exception {
        AssayClient client = new AssayClient(HttpClient.newHttpClient(), URI.create("http://localhost:1"), "load1",
                "secret", false);
        client.signIn();
        assertThat(client.requestHeaders()).containsExactly("Authorization", "Basic bG9hZDE6c2VjcmV0");
        assertThat(client.connectHeaders()).isEmpty();
    }
}
