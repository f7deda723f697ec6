package dev.assay.gateway.e2e;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import dev.assay.protocol.JobEvent;
import org.springframework.http.HttpHeaders;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's live connection, as a script would open it: STOMP over WebSocket at {@code /ws} with HTTP Basic on the
 * handshake, subscribed to {@code /user/queue/jobs}. Collects every event it receives.
 */
final class LiveClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String user;
    private final Queue<JobEvent> events = new ConcurrentLinkedQueue<>();
    private final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> broken = new CompletableFuture<>();
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final WebSocketStompClient stompClient = new WebSocketStompClient(new StandardWebSocketClient());
    private StompSession session;

    private LiveClient(String user, JsonMapper jsonMapper) {
        this.user = user;
        scheduler.setThreadNamePrefix("live-client-" + user + "-");
        scheduler.initialize();
        stompClient.setMessageConverter(new JacksonJsonMessageConverter(jsonMapper));
        stompClient.setTaskScheduler(scheduler);
    }

    /**
     * Connects and subscribes; returns once the server has confirmed by a receipt that the subscription is live,
     * so that no event published afterwards can be missed.
     */
    static LiveClient connect(int port, String user, String password, JsonMapper jsonMapper) throws Exception {
        WebSocketHttpHeaders handshake = new WebSocketHttpHeaders();
        handshake.set(HttpHeaders.AUTHORIZATION, basic(user, password));
        return connect(port, user, handshake, new StompHeaders(), jsonMapper);
    }

    /** Connects with the given handshake and CONNECT headers (a browser's cookies, a CSRF token), and subscribes. */
    static LiveClient connect(int port, String user, WebSocketHttpHeaders handshake, StompHeaders connectHeaders,
            JsonMapper jsonMapper) throws Exception {
        LiveClient client = new LiveClient(user, jsonMapper);
        try {
            client.open(port, handshake, connectHeaders);
            client.subscribe("/user/queue/jobs");
        } catch (Exception | AssertionError e) {
            client.close();
            throw e;
        }
        return client;
    }

    private void open(int port, WebSocketHttpHeaders handshake, StompHeaders connectHeaders) throws Exception {
        session = stompClient.connectAsync("ws://localhost:" + port + "/ws", handshake, connectHeaders,
                new StompSessionHandlerAdapter() {
                    @Override
                    public void handleException(StompSession s, StompCommand command, StompHeaders headers,
                            byte[] payload, Throwable exception) {
                        fail(exception.toString());
                    }

                    @Override
                    public void handleTransportError(StompSession s, Throwable exception) {
                        fail(exception.toString());
                    }

                    @Override
                    public void handleFrame(StompHeaders headers, Object payload) {
                        fail("ERROR frame: " + headers.getFirst("message"));
                    }
                }).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Subscribes and waits for the server's receipt; fails if the server refuses the subscription. */
    void subscribe(String destination) throws Exception {
        CompletableFuture<Void> live = new CompletableFuture<>();
        session.setAutoReceipt(true);
        StompSession.Subscription subscription = session.subscribe(destination, new StompFrameHandler() {
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
        CompletableFuture.anyOf(live, broken).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fail(String error) {
        errors.add(error);
        broken.completeExceptionally(new IllegalStateException(error));
    }

    /** Sends a message to a destination, which a client is not allowed to do. */
    void send(String destination, Object payload) {
        session.send(destination, payload);
    }

    /** Whether the STOMP session is still open. */
    boolean isConnected() {
        return session.isConnected();
    }

    String user() {
        return user;
    }

    /** The events received so far, in arrival order. */
    List<JobEvent> events() {
        return List.copyOf(events);
    }

    /** Transport and protocol errors seen by the client. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            if (session != null && session.isConnected()) {
                session.disconnect();
            }
        } catch (MessageDeliveryException e) {
            // the server closed the session in the meantime: nothing left to disconnect
        } finally {
            stompClient.stop();
            scheduler.shutdown();
        }
    }
}
