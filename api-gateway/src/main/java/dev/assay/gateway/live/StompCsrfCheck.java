package dev.assay.gateway.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.security.messaging.web.csrf.XorCsrfChannelInterceptor;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The CSRF check of a STOMP CONNECT. A browser connecting with its session cookie must send the CSRF token in the
 * header the token names ({@code X-XSRF-TOKEN}), either as the raw value of the {@code XSRF-TOKEN} cookie (what the
 * dashboard copies) or in Spring Security's masked form. A handshake authenticated by an {@code Authorization}
 * header is exempt, like any request carrying one: a browser does not attach such a header on its own.
 */
final class StompCsrfCheck implements ChannelInterceptor {

    private final ChannelInterceptor maskedTokenCheck = new XorCsrfChannelInterceptor();

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.CONNECT) {
            return message;
        }
        Map<String, Object> attributes = SimpMessageHeaderAccessor.getSessionAttributes(message.getHeaders());
        if (HandshakeCredentials.authorizationHeaderUsed(attributes)) {
            return message;
        }
        if (attributes != null && attributes.get(CsrfToken.class.getName()) instanceof CsrfToken expected) {
            String actual = SimpMessageHeaderAccessor.wrap(message).getFirstNativeHeader(expected.getHeaderName());
            if (actual != null && MessageDigest.isEqual(actual.getBytes(StandardCharsets.UTF_8),
                    expected.getToken().getBytes(StandardCharsets.UTF_8))) {
                return message;
            }
        }
        return maskedTokenCheck.preSend(message, channel);
    }
}
