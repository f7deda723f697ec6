package dev.assay.gateway.security;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import tools.jackson.databind.ObjectMapper;

/**
 * 401 and 403 from the security filters as problem JSON, like every other API error. No
 * {@code WWW-Authenticate} header: it would make browsers pop up their own sign-in dialog over the dashboard.
 */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final String LOGIN_PATH = "/api/auth/login";
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "Sign in first: use the session of the dashboard, a personal API token (Authorization: Bearer) or HTTP"
                        + " Basic with a user name and password; a revoked or expired token is refused.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        if (accessDeniedException instanceof CsrfException && !signedIn()
                && !request.getRequestURI().equals(request.getContextPath() + LOGIN_PATH)) {
            // The CSRF check runs before authorization: without credentials the real problem is the missing sign-in
            // (except on the sign-in itself, which needs the token).
            commence(request, response, null);
            return;
        }
        if (!(accessDeniedException instanceof CsrfException) && isAdminPath(request)) {
            // For a non-administrator the administration API does not exist: no hint that it is there.
            write(request, response, HttpStatus.NOT_FOUND, "Not Found", "There is nothing at "
                    + request.getRequestURI() + ".");
            return;
        }
        String detail = accessDeniedException instanceof CsrfException
                ? "The CSRF token is missing or wrong: send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header."
                : "You are not allowed to do this.";
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    private static boolean isAdminPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return Arrays.stream(SecurityConfiguration.ADMIN_PATHS).anyMatch(pattern -> PATHS.match(pattern, path));
    }

    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
