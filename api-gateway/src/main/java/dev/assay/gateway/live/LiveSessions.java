package dev.assay.gateway.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/** Counts the STOMP sessions connected to this instance; exported as the gauge {@code assay.live.sessions}. */
@Component
public class LiveSessions implements MeterBinder {

    private final Set<String> sessionIds = ConcurrentHashMap.newKeySet();

    /** STOMP sessions connected now. */
    public int count() {
        return sessionIds.size();
    }

    @EventListener
    void connected(SessionConnectedEvent event) {
        String sessionId = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
        if (sessionId != null) {
            sessionIds.add(sessionId);
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        sessionIds.remove(event.getSessionId());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("assay.live.sessions", sessionIds, Set::size)
                .description("STOMP sessions connected to this gateway instance")
                .register(registry);
    }
}
