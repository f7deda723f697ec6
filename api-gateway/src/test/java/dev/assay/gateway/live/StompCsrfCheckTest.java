package dev.assay.gateway.live;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StompCsrfCheckTest {

    private static final CsrfToken TOKEN = new DefaultCsrfToken("X-XSRF-TOKEN", "_csrf", "cookie-token-value");
    private static final MessageChannel CHANNEL = (message, timeout) -> true;

    private final StompCsrfCheck check = new StompCsrfCheck();

    @Test
    void aConnectCarryingTheRawTokenOfTheCookieIsAccepted() {
        Message<byte[]> connect = connect(sessionWithToken(), TOKEN.getToken());

        assertThat(check.preSend(connect, CHANNEL)).isSameAs(connect);
    }

    @Test
    void aConnectCarryingTheMaskedTokenIsAccepted() {
        Message<byte[]> connect = connect(sessionWithToken(), masked(TOKEN));

        assertThat(check.preSend(connect, CHANNEL)).isSameAs(connect);
    }

    @Test
    void aConnectWithoutTheTokenIsDenied() {
        assertThatThrownBy(() -> check.preSend(connect(sessionWithToken(), null), CHANNEL))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aConnectWithAnotherTokenIsDenied() {
        assertThatThrownBy(() -> check.preSend(connect(sessionWithToken(), "guessed"), CHANNEL))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aConnectOverAHandshakeAuthenticatedByAnAuthorizationHeaderNeedsNoToken() {
        Map<String, Object> session = sessionWithToken();
        session.put(HandshakeCredentials.AUTHORIZATION_HEADER_USED, Boolean.TRUE);
        Message<byte[]> connect = connect(session, null);

        assertThat(check.preSend(connect, CHANNEL)).isSameAs(connect);
    }

    @Test
    void framesOtherThanConnectAreNotChecked() {
        StompHeaderAccessor subscribe = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
        subscribe.setSessionAttributes(sessionWithToken());
        subscribe.setDestination("/user/queue/jobs");
        Message<byte[]> message = MessageBuilder.createMessage(new byte[0], subscribe.getMessageHeaders());

        assertThat(check.preSend(message, CHANNEL)).isSameAs(message);
    }

    private static Map<String, Object> sessionWithToken() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(CsrfToken.class.getName(), TOKEN);
        return attributes;
    }

    private static Message<byte[]> connect(Map<String, Object> sessionAttributes, String headerValue) {
        StompHeaderAccessor connect = StompHeaderAccessor.create(StompCommand.CONNECT);
        connect.setSessionAttributes(sessionAttributes);
        if (headerValue != null) {
            connect.setNativeHeader(TOKEN.getHeaderName(), headerValue);
        }
        return MessageBuilder.createMessage(new byte[0], connect.getMessageHeaders());
    }

    /** The token as Spring Security hands it to pages and forms: XOR-masked with a random key. */
    private static String masked(CsrfToken token) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        new XorCsrfTokenRequestAttributeHandler().handle(request, new MockHttpServletResponse(), () -> token);
        return ((CsrfToken) request.getAttribute(CsrfToken.class.getName())).getToken();
    }
}
