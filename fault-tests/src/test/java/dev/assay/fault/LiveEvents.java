package dev.assay.fault;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.assay.protocol.JobEvent;
import dev.assay.protocol.JobStatus;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A user's live connection to one gateway: STOMP over WebSocket at {@code /ws} with HTTP Basic on the handshake,
 * subscribed to {@code /user/queue/jobs}. Keeps every event it receives, so that a test can count them per job.
 */
final class LiveEvents implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Queue<JobEvent> events = new ConcurrentLinkedQueue<>();
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());
    private StompSession session;

    private LiveEvents() {
        scheduler.setThreadNamePrefix("live-events-");
        scheduler.initialize();
        stomp.setMessageConverter(new JacksonJsonMessageConverter(AssayApi.JSON));
        stomp.setTaskScheduler(scheduler);
    }

    /** Connects and returns once the server has confirmed with a receipt that the subscription is live. */
    static LiveEvents connect(int port, String user, String password) throws Exception {
        LiveEvents live = new LiveEvents();
        try {
            live.open(port, user, password);
        } catch (Exception e) {
            live.close();
            throw e;
        }
        return live;
    }

    private void open(int port, String user, String password) throws Exception {
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.set("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        session = stomp.connectAsync("ws://127.0.0.1:" + port + "/ws", handshake, new StompHeaders(),
                new StompSessionHandlerAdapter() {
                }).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Void> live = new CompletableFuture<>();
        session.setAutoReceipt(true);
        StompSession.Subscription subscription = session.subscribe("/user/queue/jobs", new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JobEvent.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                events.add((JobEvent) payload);
            }
        });
        subscription.addReceiptTask(() -> live.complete(null));
        subscription.addReceiptLostTask(() -> live.completeExceptionally(
                new IllegalStateException("no receipt for the subscription of " + user)));
        live.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The events received so far, in arrival order. */
    List<JobEvent> events() {
        return List.copyOf(events);
    }

    /** The events of one job received so far. */
    List<JobEvent> events(UUID jobId) {
        return events.stream().filter(event -> event.jobId().equals(jobId)).toList();
    }

    /** How many events of this job with this status were received. */
    long count(UUID jobId, JobStatus status) {
        return events.stream().filter(event -> event.jobId().equals(jobId) && event.status() == status).count();
    }

    boolean isConnected() {
        return session != null && session.isConnected();
    }

    @Override
    public void close() {
        try {
            if (isConnected()) {
                session.disconnect();
            }
        } catch (RuntimeException e) {
            // the server closed the session in the meantime: nothing left to disconnect
        } finally {
            stomp.stop();
            scheduler.shutdown();
        }
    }
}
