package dev.assay.testsupport;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The RabbitMQ broker that answers locally ({@code RABBITMQ_HOST}, default 127.0.0.1:5672, guest/guest), with a
 * virtual host of its own per test run so that parallel runs and leftovers of earlier runs never meet.
 * The virtual host is created with {@code rabbitmqctl} when the broker is local, and deleted at JVM exit.
 */
public final class LocalRabbitMq {

    private static LocalRabbitMq shared;

    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String virtualHost;

    private LocalRabbitMq(String host, int port, String username, String password, String virtualHost) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.virtualHost = virtualHost;
    }

    /** The broker for this JVM, with a fresh virtual host; skips or fails the test when no broker answers. */
    public static synchronized LocalRabbitMq get() {
        if (shared == null) {
            String host = Services.env("RABBITMQ_HOST", "127.0.0.1");
            int port = Integer.parseInt(Services.env("RABBITMQ_PORT", "5672"));
            Services.ensureReachable("RABBITMQ", host, port);
            String vhost = isLocal(host) ? createVirtualHost() : "/";
            shared = new LocalRabbitMq(host, port, Services.env("RABBITMQ_USERNAME", "guest"),
                    Services.env("RABBITMQ_PASSWORD", "guest"), vhost);
        } else {
            Services.ensureReachable("RABBITMQ", shared.host, shared.port);
        }
        return shared;
    }

    /**
     * The broker with another fresh virtual host of its own, for a test whose messages must not meet those of the
     * other tests in this JVM (their cached application contexts keep consuming the shared one).
     */
    public static LocalRabbitMq withNewVirtualHost() {
        LocalRabbitMq broker = get();
        return isLocal(broker.host) ? new LocalRabbitMq(broker.host, broker.port, broker.username, broker.password,
                createVirtualHost()) : broker;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String virtualHost() {
        return virtualHost;
    }

    /** Spring Boot properties pointing at this broker and virtual host. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.rabbitmq.host", host);
        properties.put("spring.rabbitmq.port", Integer.toString(port));
        properties.put("spring.rabbitmq.username", username);
        properties.put("spring.rabbitmq.password", password);
        properties.put("spring.rabbitmq.virtual-host", virtualHost);
        return properties;
    }

    /** Runs {@code rabbitmqctl} with the given arguments; for tests that stop, start or reconfigure the broker. */
    public static void rabbitmqctl(String... arguments) {
        List<String> command = new java.util.ArrayList<>();
        command.add("rabbitmqctl");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("rabbitmqctl is not available: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isLocal(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    private static String createVirtualHost() {
        String vhost = "assay-test-" + UUID.randomUUID().toString().substring(0, 8);
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, Services.env("RABBITMQ_USERNAME", "guest"), ".*", ".*", ".*");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                rabbitmqctl("delete_vhost", vhost);
            } catch (RuntimeException ignored) {
                // the broker may be stopped by a fault test; a leftover test vhost harms nothing
            }
        }, "delete-test-vhost"));
        return vhost;
    }
}
