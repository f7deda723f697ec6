package dev.assay.gateway.live;

import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Remembers in the WebSocket session whether the handshake was authenticated by an {@code Authorization} header
 * (HTTP Basic from a script) rather than by the browser's session cookie.
 */
final class HandshakeCredentials implements HandshakeInterceptor {

    static final String AUTHORIZATION_HEADER_USED = HandshakeCredentials.class.getName() + ".authorizationHeader";

    static boolean authorizationHeaderUsed(Map<String, Object> sessionAttributes) {
        return sessionAttributes != null && Boolean.TRUE.equals(sessionAttributes.get(AUTHORIZATION_HEADER_USED));
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            attributes.put(AUTHORIZATION_HEADER_USED, Boolean.TRUE);
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }
}
