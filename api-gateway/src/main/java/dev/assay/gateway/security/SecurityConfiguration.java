package dev.assay.gateway.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may call what. The browser signs in with a session ({@code /api/auth/login}) and sends the CSRF token of the
 * {@code XSRF-TOKEN} cookie in {@code X-XSRF-TOKEN}; scripts use a personal API token ({@code Bearer}) or HTTP Basic,
 * and a request carrying an {@code Authorization} header needs no CSRF token (a browser cannot forge one).
 * Everything under {@code /api} and the {@code /ws} handshake needs a signed-in user; the administration API and the
 * cluster view need an administrator, and answer others 404 as if they did not exist. Errors are problem JSON, never
 * a redirect. Cross-origin calls are refused unless their origin is configured. Health probes are open;
 * {@code /actuator/prometheus} needs an administrator (a scraper signs in with HTTP Basic or a token).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(WebSecurityProperties.class)
class SecurityConfiguration {

    /**
     * Paths only administrators may call; for anyone else they do not exist (404). The metrics are for the
     * operator's scraper: an ADMIN account, usually over HTTP Basic.
     */
    static final String[] ADMIN_PATHS = {"/api/admin/**", "/api/cluster", "/actuator/prometheus"};

    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; "
            + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
            CsrfTokenRepository csrfTokens, SecurityContextRepository contexts, ProblemResponses problems,
            WebSecurityProperties properties) {
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/api/auth/csrf", "/api/auth/login").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers(ADMIN_PATHS).hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/**", "/ws", "/ws/**").authenticated()
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .addFilterBefore(new BearerTokenFilter(authenticationManager, problems), BasicAuthenticationFilter.class)
                .addFilterBefore(corsFilter(properties, problems), CsrfFilter.class)
                .formLogin(form -> form.disable())
                // An API answers 401; there is no login page to come back from, so no request is saved.
                .requestCache(cache -> cache.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new SpaCsrfTokenRequestHandler())
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .securityContext(context -> context.securityContextRepository(contexts))
                .logout(logout -> logout.logoutUrl("/api/auth/logout")
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                        .referrerPolicy(referrer -> referrer
                                .policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** User name and password (Basic, the sign-in form) and, when present, other providers such as API tokens. */
    @Bean
    AuthenticationManager authenticationManager(UserDetailsService users, PasswordEncoder passwordEncoder,
            ObjectProvider<AuthenticationProvider> otherProviders) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        List<AuthenticationProvider> providers = new ArrayList<>();
        providers.add(passwords);
        otherProviders.orderedStream().forEach(providers::add);
        return new ProviderManager(providers);
    }

    @Bean
    CsrfTokenRepository csrfTokenRepository(WebSecurityProperties properties) {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> {
            cookie.sameSite("Strict");
            if (properties.secureCookies()) {
                cookie.secure(true);
            }
        });
        return repository;
    }

    private static CorsFilter corsFilter(WebSecurityProperties properties, ProblemResponses problems) {
        CorsFilter filter = new CorsFilter(cors(properties));
        filter.setCorsProcessor(new ProblemCorsProcessor(problems));
        return filter;
    }

    /** CORS closed unless origins are configured; then only those, with credentials and the CSRF header. */
    private static CorsConfigurationSource cors(WebSecurityProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsAllowedOrigins().isEmpty()) {
            CorsConfiguration configuration = new CorsConfiguration();
            configuration.setAllowedOrigins(properties.corsAllowedOrigins());
            configuration.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE"));
            configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-XSRF-TOKEN"));
            configuration.setAllowCredentials(true);
            source.registerCorsConfiguration("/api/**", configuration);
        }
        return source;
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** What a session login does besides storing the context: a new session id, a new CSRF token. */
    @Bean
    SessionAuthenticationStrategy loginSessionStrategy(CsrfTokenRepository csrfTokens) {
        return new CompositeSessionAuthenticationStrategy(List.of(new ChangeSessionIdAuthenticationStrategy(),
                new CsrfAuthenticationStrategy(csrfTokens)));
    }
}
