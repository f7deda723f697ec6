package dev.assay.gateway.live;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.assay.protocol.JobEvent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * STOMP over plain WebSocket at {@code /ws}: an in-memory broker for {@code /queue}, user destinations under
 * {@code /user}. The endpoint sets no allowed origins, so Spring accepts same-origin handshakes only.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class LiveMessagingConfiguration implements WebSocketMessageBrokerConfigurer {

    static final String ENDPOINT = "/ws";

    private final JsonMapper jsonMapper;
    private final ObjectProvider<MessageChannel> clientOutboundChannel;

    LiveMessagingConfiguration(JsonMapper jsonMapper,
            @Qualifier("clientOutboundChannel") ObjectProvider<MessageChannel> clientOutboundChannel) {
        this.jsonMapper = jsonMapper;
        this.clientOutboundChannel = clientOutboundChannel;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint(ENDPOINT).addInterceptors(new HandshakeCredentials());
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/queue");
        registry.setUserDestinationPrefix("/user");
        // one session's events must reach it in the order they were published
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new SubscriptionReceipts(clientOutboundChannel::getObject));
    }

    @Override
    public boolean configureMessageConverters(List<MessageConverter> messageConverters) {
        // first in line, so that events reach browsers without their (possibly large) result
        JsonMapper withoutResults = jsonMapper.rebuild().addMixIn(JobEvent.class, PushedJobEvent.class).build();
        messageConverters.add(0, new JacksonJsonMessageConverter(withoutResults));
        return true;
    }

    @JsonIgnoreProperties("result")
    private interface PushedJobEvent {
    }
}
