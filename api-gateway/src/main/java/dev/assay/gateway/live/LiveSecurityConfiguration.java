package dev.assay.gateway.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.socket.EnableWebSocketSecurity;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;

/**
 * Who may do what over STOMP. The handshake itself is authenticated by the HTTP security chain; here a connected
 * user may only subscribe to their own user destinations ({@code /user/queue/**}); sending and every other
 * destination are denied.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketSecurity
class LiveSecurityConfiguration {

    @Bean
    AuthorizationManager<Message<?>> messageAuthorizationManager(
            MessageMatcherDelegatingAuthorizationManager.Builder messages) {
        return messages
                .nullDestMatcher().authenticated()
                .simpSubscribeDestMatchers("/user/queue/**").authenticated()
                .anyMessage().denyAll()
                .build();
    }

    /** Replaces Spring Security's CSRF check of CONNECT frames (the bean name is what it looks for). */
    @Bean
    ChannelInterceptor csrfChannelInterceptor() {
        return new StompCsrfCheck();
    }
}
