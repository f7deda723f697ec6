package dev.assay.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser-facing security settings (prefix {@code assay.security}).
 *
 * @param secureCookies      mark the session and CSRF cookies {@code Secure} even when the gateway itself sees plain
 *                           HTTP (behind a TLS-terminating proxy); over HTTPS they are secure anyway
 *                           ({@code ASSAY_SECURITY_SECURE_COOKIES})
 * @param corsAllowedOrigins origins allowed to call the API from another site's pages; none by default
 *                           ({@code ASSAY_SECURITY_CORS_ALLOWED_ORIGINS}, comma-separated)
 */
@ConfigurationProperties(prefix = "assay.security")
public record WebSecurityProperties(
        @DefaultValue("false") boolean secureCookies,
        @DefaultValue List<String> corsAllowedOrigins) {
}
