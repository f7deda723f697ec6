package dev.assay.gateway.security;

import java.util.UUID;

import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the dashboard adds to its requests. */
public final class DashboardRequests {

    private DashboardRequests() {
    }

    /**
     * The double-submit CSRF pair of a state-changing request: the {@code XSRF-TOKEN} cookie and the same value in
     * the {@code X-XSRF-TOKEN} header.
     */
    public static RequestPostProcessor xsrf() {
        return request -> {
            String token = UUID.randomUUID().toString();
            request.setCookies(new Cookie("XSRF-TOKEN", token));
            request.addHeader("X-XSRF-TOKEN", token);
            return request;
        };
    }
}
