package dev.assay.gateway.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS checks, with a refusal answered as problem JSON like every other API error, not as plain text. */
class ProblemCorsProcessor extends DefaultCorsProcessor {

    private final ProblemResponses problems;

    ProblemCorsProcessor(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public boolean processRequest(CorsConfiguration configuration, HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        if (super.processRequest(configuration, request, response)) {
            return true;
        }
        problems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "Cross-origin requests from "
                + request.getHeader(HttpHeaders.ORIGIN) + " are not allowed; the gateway's"
                + " ASSAY_SECURITY_CORS_ALLOWED_ORIGINS lists the origins that are.");
        return false;
    }

    /** The refusal is written by {@link #processRequest}. */
    @Override
    protected void rejectRequest(ServerHttpResponse response) {
    }
}
