package dev.assay.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.assay.testsupport.LocalRabbitMq;
import dev.assay.testsupport.Services;
import org.junit.jupiter.api.Assumptions;

/**
 * A RabbitMQ node of the suite's own, beside the shared one (which other test runs use and which must never be
 * stopped or reconfigured): its own node name, AMQP and distribution ports, data and log folders under
 * {@code target/fault-broker}. Started once per JVM, stopped by a shutdown hook. Faults are injected on it with
 * {@code rabbitmqctl -n <node>}: {@link #stopApp()}, {@link #startApp()}, {@link #setRabbitEnv(String, String)}.
 * Without {@code rabbitmq-server} the tests are skipped, or fail where RabbitMQ is required (CI).
 */
final class PrivateBroker {

    private static final String NODE_NAME_FILE = "node-name";

    private static PrivateBroker shared;

    private final String node;
    private final int port;

    private PrivateBroker(String node, int port) {
        this.node = node;
        this.port = port;
    }

    /** The node of this JVM, started on first use. */
    static synchronized PrivateBroker get() {
        if (shared == null) {
            requireRabbitMqServer();
            PrivateBroker broker = new PrivateBroker(
                    "assay-fault-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost", freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stopQuietly, "stop-private-broker"));
            broker.start(FaultFiles.target().resolve("fault-broker"));
            shared = broker;
        }
        return shared;
    }

    int port() {
        return port;
    }

    String node() {
        return node;
    }

    /** A new virtual host on this node, so that each test class starts from empty queues. */
    String newVirtualHost(String name) {
        String vhost = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        ctl("add_vhost", vhost);
        ctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
        return vhost;
    }

    /** Sets a runtime parameter (a shovel, for instance) in a virtual host, as {@code rabbitmqctl set_parameter}. */
    void setParameter(String virtualHost, String component, String name, String json) {
        ctl("set_parameter", "-p", virtualHost, component, name, json);
    }

    /** Stops the RabbitMQ application (the Erlang node stays up): every client connection is cut, like an outage. */
    void stopApp() {
        ctl("stop_app");
    }

    /** Starts the RabbitMQ application again and waits until it accepts connections. */
    void startApp() {
        ctl("start_app");
        ctl("await_startup");
    }

    /**
     * Sets a setting of the {@code rabbit} application at run time. Channels read some settings when they open
     * ({@code consumer_timeout}, {@code channel_tick_interval}): set them before the clients connect.
     */
    void setRabbitEnv(String key, String erlangValue) {
        ctl("eval", "application:set_env(rabbit, " + key + ", " + erlangValue + ").");
    }

    private void start(Path home) {
        try {
            stopLeftoverOf(home);
            FaultFiles.deleteRecursively(home);
            Files.createDirectories(home);
            Path config = Files.writeString(home.resolve("rabbitmq.conf"),
                    "listeners.tcp.local = 127.0.0.1:" + port + "\n");
            // the shovel moves dead letters back, as the README tells operators to
            Path plugins = Files.writeString(home.resolve("enabled_plugins"), "[rabbitmq_shovel].\n");
            Files.writeString(home.resolve(NODE_NAME_FILE), node);
            Path pidFile = home.resolve(node + ".pid");
            giveToRabbitMqUser(home);
            ProcessBuilder server = new ProcessBuilder("rabbitmq-server", "-detached").redirectErrorStream(true)
                    .redirectOutput(home.resolve("server-start.out").toFile());
            server.environment().putAll(Map.of(
                    "RABBITMQ_NODENAME", node,
                    "RABBITMQ_NODE_PORT", Integer.toString(port),
                    "RABBITMQ_DIST_PORT", Integer.toString(freePort()),
                    "RABBITMQ_CONFIG_FILE", config.toString(),
                    "RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString(),
                    "RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString(),
                    "RABBITMQ_LOG_BASE", home.resolve("log").toString(),
                    "RABBITMQ_PID_FILE", pidFile.toString()));
            Process process = server.start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmq-server -detached failed; see " + home);
            }
            ctl("wait", "--timeout", "120", pidFile.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the private RabbitMQ node " + node, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void stopQuietly() {
        stopQuietly(node);
    }

    /** A run killed before its shutdown hook ran leaves its node running: stop it before its folder is reused. */
    private static void stopLeftoverOf(Path home) throws IOException {
        Path nodeName = home.resolve(NODE_NAME_FILE);
        if (Files.exists(nodeName)) {
            stopQuietly(Files.readString(nodeName).strip());
        }
    }

    private static void stopQuietly(String node) {
        try {
            LocalRabbitMq.rabbitmqctl("-n", node, "stop");
        } catch (RuntimeException e) {
            // best effort: the node may not be running
        }
    }

    private void ctl(String... arguments) {
        LocalRabbitMq.rabbitmqctl(Stream.concat(Stream.of("-n", node), Stream.of(arguments)).toArray(String[]::new));
    }

    private static void requireRabbitMqServer() {
        boolean installed = Stream.concat(
                        Stream.of(System.getenv().getOrDefault("PATH", "").split(":")), Stream.of("/usr/sbin"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "rabbitmq-server")));
        if (installed) {
            return;
        }
        String message = "rabbitmq-server is not installed: the fault-injection suite needs a RabbitMQ node of its own";
        if (Services.required("RABBITMQ")) {
            throw new IllegalStateException(message + " (required: CI or RABBITMQ_REQUIRED is set)");
        }
        Assumptions.abort(message + "; skipped (set RABBITMQ_REQUIRED=true to fail instead)");
    }

    /** Debian's {@code rabbitmq-server}, started by root, runs the node as the {@code rabbitmq} user. */
    private static void giveToRabbitMqUser(Path home) throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        UserPrincipal rabbitmq;
        try {
            rabbitmq = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("rabbitmq");
        } catch (UserPrincipalNotFoundException e) {
            return;
        }
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.toList()) {
                Files.setOwner(path, rabbitmq);
            }
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return node + " on 127.0.0.1:" + port;
    }
}
