package dev.assay.gateway.security;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.cors.CorsConfiguration;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemCorsProcessorTest {

    private final ProblemCorsProcessor processor = new ProblemCorsProcessor(new ProblemResponses(new JsonMapper()));
    private final CorsConfiguration configuration = new CorsConfiguration();

    ProblemCorsProcessorTest() {
        configuration.setAllowedOrigins(List.of("https://dashboard.example"));
        configuration.setAllowedMethods(List.of("GET", "POST"));
    }

    @Test
    void aRequestFromAnAllowedOriginGoesOnWithItsCorsHeaders() throws IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();

        boolean allowed = processor.processRequest(configuration, request("https://dashboard.example"), response);

        assertThat(allowed).isTrue();
        assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://dashboard.example");
    }

    @Test
    void aRequestFromAnotherOriginIsRefusedWithProblemJson() throws IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();

        boolean allowed = processor.processRequest(configuration, request("https://evil.example"), response);

        assertThat(allowed).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getContentAsString())
                .contains("\"detail\":\"Cross-origin requests from https://evil.example are not allowed")
                .contains("\"instance\":\"/api/jobs\"")
                .doesNotContain("Invalid CORS request");
    }

    private static MockHttpServletRequest request(String origin) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/jobs");
        request.setServerName("assay.example");
        request.addHeader("Origin", origin);
        return request;
    }
}
