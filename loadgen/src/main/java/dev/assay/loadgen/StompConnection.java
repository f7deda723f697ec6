package dev.assay.loadgen;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's STOMP session over a plain WebSocket, authenticated on the handshake (HTTP Basic, or the session
 * cookie with the CSRF token in the CONNECT frame), with a single
 * subscription whose MESSAGE bodies are handed to a callback together with the {@link System#nanoTime()} at which
 * they arrived. {@link #open} returns only once the subscription is live (the SUBSCRIBE's RECEIPT arrived), so no
 * event published afterwards can be missed.
 */
final class StompConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StompConnection.class);

    /** A MESSAGE body and when it arrived. */
    interface MessageHandler {
        void onMessage(String body, long receivedNanos);
    }

    private final String name;
    private final StompFrame.Decoder decoder = new StompFrame.Decoder();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<StompFrame> connected = new CompletableFuture<>();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> receipts = new ConcurrentHashMap<>();
    private final MessageHandler handler;
    private final Consumer<String> errors;
    private volatile WebSocket socket;
    private volatile boolean closing;

    private StompConnection(String name, MessageHandler handler, Consumer<String> errors) {
        this.name = name;
        this.handler = handler;
        this.errors = errors;
    }

    /**
     * Connects, sends CONNECT, subscribes to {@code destination} with a receipt and waits for it.
     *
     * @param name   for messages, e.g. {@code user3/dashboard1}
     * @param errors receives a description of every ERROR frame or unexpected close after the subscription is live
     * @throws IllegalStateException when the handshake, CONNECT or SUBSCRIBE fails or takes longer than
     *                               {@code timeout}
     */
    static StompConnection open(HttpClient http, URI webSocketUri, String[] handshakeHeaders,
            String[] connectHeaders, String destination,
            Duration timeout, String name, MessageHandler handler, Consumer<String> errors) {
        StompConnection connection = new StompConnection(name, handler, errors);
        try {
            WebSocket.Builder builder = http.newWebSocketBuilder();
            for (int i = 0; i < handshakeHeaders.length; i += 2) {
                builder.header(handshakeHeaders[i], handshakeHeaders[i + 1]);
            }
            connection.socket = builder
                    .connectTimeout(timeout)
                    .buildAsync(webSocketUri, connection.new Listener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> connect = new java.util.ArrayList<>(List.of("accept-version", "1.2", "host",
                    webSocketUri.getHost(), "heart-beat", "0,0"));
            connect.addAll(List.of(connectHeaders));
            connection.send(StompFrame.of("CONNECT", connect.toArray(String[]::new)));
            connection.connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String receipt = "subscribed-" + name;
            CompletableFuture<Void> subscribed = new CompletableFuture<>();
            connection.receipts.put(receipt, subscribed);
            connection.send(StompFrame.of("SUBSCRIBE", "id", "0", "destination", destination, "receipt", receipt));
            subscribed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.abort();
            throw new IllegalStateException("interrupted while connecting " + name, e);
        } catch (Exception e) {
            connection.abort();
            throw new IllegalStateException("STOMP connection " + name + " to " + webSocketUri + " failed: " + e, e);
        }
    }

    private void send(StompFrame frame) {
        // the WebSocket allows one outstanding send; this class sends only from the opening and closing thread
        socket.sendText(frame.encode(), true).join();
    }

    private void abort() {
        closing = true;
        if (socket != null) {
            socket.abort();
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            send(StompFrame.of("DISCONNECT"));
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("closing {} failed, aborting it", name, e);
            socket.abort();
        }
    }

    private void handle(StompFrame frame, long receivedNanos) {
        switch (frame.command()) {
            case "CONNECTED" -> connected.complete(frame);
            case "MESSAGE" -> handler.onMessage(frame.body(), receivedNanos);
            case "RECEIPT" -> {
                CompletableFuture<Void> waiting = receipts.remove(String.valueOf(frame.header("receipt-id")));
                if (waiting != null) {
                    waiting.complete(null);
                }
            }
            case "ERROR" -> fail("ERROR frame on " + name + ": " + frame.header("message") + " " + frame.body());
            default -> log.debug("{} ignored a {} frame", name, frame.command());
        }
    }

    private void fail(String problem) {
        IllegalStateException failure = new IllegalStateException(problem);
        boolean duringOpen = connected.completeExceptionally(failure);
        receipts.values().forEach(waiting -> waiting.completeExceptionally(failure));
        if (!duringOpen && !closing) {
            errors.accept(problem);
        }
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            List<StompFrame> frames;
            synchronized (partial) {
                partial.append(data);
                frames = List.of();
                if (last) {
                    frames = decoder.feed(partial);
                    partial.setLength(0);
                }
            }
            try {
                frames.forEach(frame -> handle(frame, now));
            } catch (RuntimeException e) {
                fail("cannot read a frame on " + name + ": " + e);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            fail("WebSocket of " + name + " closed by the server: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail("WebSocket of " + name + " failed: " + error);
        }
    }
}
