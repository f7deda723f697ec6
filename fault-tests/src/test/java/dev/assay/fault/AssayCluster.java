package dev.assay.fault;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.assay.testsupport.LocalPostgres;

/**
 * One Assay cluster of real processes for a test class: gateways ({@code ASSAY_MODE=cluster}) and workers started
 * from their executable jars, on a virtual host of its own on the {@link PrivateBroker}, a database of its own on
 * the local PostgreSQL, and one uploads folder shared by every process. Short intervals (heartbeats each second, a
 * 5 s lease) so that faults are noticed quickly.
 */
final class AssayCluster implements AutoCloseable {

    /** A user of the cluster, created from {@code ASSAY_USERS}. */
    record User(String name, String password) {
    }

    static final User ALICE = new User("alice", "alice-fault-1");
    static final User BOB = new User("bob", "bob-fault-2");
    static final User ADMIN = new User("root", "root-fault-3");

    /** A running gateway and its HTTP port. */
    record Gateway(JavaProcess process, int port) {

        AssayApi api(User user) {
            return new AssayApi(port, user.name(), user.password());
        }

        LiveEvents live(User user) throws Exception {
            return LiveEvents.connect(port, user.name(), user.password());
        }

        /** Waits until the gateway answers its API. */
        Gateway awaitUp() {
            AssayApi api = api(ALICE);
            process.awaitReady("answers its API", START_TIMEOUT, api::isUp);
            return this;
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final String name;
    private final PrivateBroker broker;
    private final String virtualHost;
    private final String databaseUrl;
    private final Path storage;
    private final List<JavaProcess> processes = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<JavaProcess> workers = new ArrayList<>();

    private AssayCluster(String name, PrivateBroker broker, String virtualHost, String databaseUrl, Path storage) {
        this.name = name;
        this.broker = broker;
        this.virtualHost = virtualHost;
        this.databaseUrl = databaseUrl;
        this.storage = storage;
    }

    /**
     * Starts a cluster of gateways ({@code gateway-1}, ...) and workers ({@code worker-1}, ...) together and waits
     * until all are up; {@code meanwhile} runs while they start (e.g. to generate the files to upload).
     */
    static AssayCluster start(String name, int gatewayCount, int workerCount, Runnable meanwhile) {
        AssayCluster cluster = create(name);
        for (int i = 1; i <= gatewayCount; i++) {
            cluster.gateways.add(cluster.launchGateway("gateway-" + i));
        }
        List<JavaProcess> started = cluster.launchWorkers(workerCount);
        meanwhile.run();
        awaitStarted(started);
        cluster.gateways.forEach(Gateway::awaitUp);
        return cluster;
    }

    /** A cluster without processes yet: its virtual host, database and uploads folder. */
    private static AssayCluster create(String name) {
        PrivateBroker broker = PrivateBroker.get();
        LocalPostgres postgres = LocalPostgres.get();
        String database = "fault_" + name.replaceAll("[^a-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 6);
        execute(postgres, "CREATE DATABASE " + database);
        String url = postgres.url().substring(0, postgres.url().lastIndexOf('/') + 1) + database;
        return new AssayCluster(name, broker, broker.newVirtualHost(name), url,
                FaultFiles.freshDirectory("fault-storage/" + name));
    }

    PrivateBroker broker() {
        return broker;
    }

    Path storage() {
        return storage;
    }

    /** Starts a gateway without waiting for it, so that other processes can start meanwhile. */
    private Gateway launchGateway(String gatewayName) {
        int port = PrivateBroker.freePort();
        LocalPostgres postgres = LocalPostgres.get();
        Map<String, String> environment = new LinkedHashMap<>(brokerEnvironment());
        environment.put("ASSAY_MODE", "cluster");
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("SPRING_DATASOURCE_URL", databaseUrl);
        environment.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        environment.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        // the PostgreSQL server is shared with other test runs: a few connections per gateway are plenty here
        environment.put("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "4");
        environment.put("ASSAY_USERS", ALICE.name() + ":" + ALICE.password() + "," + BOB.name() + ":" + BOB.password()
                + "," + ADMIN.name() + ":" + ADMIN.password() + ":ADMIN");
        environment.put("ASSAY_CLUSTER_HEARTBEAT_INTERVAL", "1s");
        environment.put("ASSAY_RECOVERY_LEASE_TIMEOUT", "5s");
        // the suite uploads faster than a person: the per-user quotas are not what it tests
        environment.put("ASSAY_QUOTA_MAX_ACTIVE_JOBS", "1000");
        environment.put("ASSAY_QUOTA_UPLOADS_PER_MINUTE", "10000");
        return new Gateway(launch(gatewayName, "fault.gateway.jar", environment), port);
    }

    /** The first gateway. */
    Gateway gateway() {
        return gateways.get(0);
    }

    Gateway gateway(int number) {
        return gateways.get(number - 1);
    }

    /** The workers started and not killed or stopped. */
    List<JavaProcess> workers() {
        return workers.stream().filter(JavaProcess::isAlive).toList();
    }

    /** Starts one more worker and waits until it has started. */
    JavaProcess startWorker() {
        List<JavaProcess> started = launchWorkers(1);
        awaitStarted(started);
        return started.get(0);
    }

    /** Starts workers (one job at a time each, numbered on from the last) without waiting for them. */
    private List<JavaProcess> launchWorkers(int count) {
        List<JavaProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> environment = new LinkedHashMap<>(brokerEnvironment());
            environment.put("ASSAY_WORKER_CONCURRENCY", "1");
            // each worker's actuator (health, metrics) on a free port of its own
            environment.put("ASSAY_WORKER_MANAGEMENT_PORT", "0");
            environment.put("ASSAY_WORKER_HEARTBEAT_INTERVAL", "1s");
            environment.put("ASSAY_WORKER_SHUTDOWN_TIMEOUT", "5s");
            started.add(launch("worker-" + (workers.size() + 1), "fault.worker.jar", environment));
            workers.add(started.get(i));
        }
        return started;
    }

    /** Waits until each worker has started (its listeners consume once the application has started). */
    private static void awaitStarted(List<JavaProcess> workers) {
        for (JavaProcess worker : workers) {
            worker.awaitReady("has started", START_TIMEOUT, () -> worker.logContains("Started WorkerApplication"));
        }
    }

    /** The worker process whose id (host-pid-random) a job event names. */
    Optional<JavaProcess> workerOf(String workerId) {
        return processes.stream()
                .filter(process -> workerId != null && workerId.contains("-" + process.pid() + "-"))
                .findFirst();
    }

    private JavaProcess launch(String processName, String jarProperty, Map<String, String> environment) {
        String jar = System.getProperty(jarProperty);
        if (jar == null) {
            throw new IllegalStateException("-D" + jarProperty + " is not set (the module's surefire sets it)");
        }
        JavaProcess process = JavaProcess.start(name + "-" + processName, Path.of(jar), environment,
                List.of("--spring.rabbitmq.virtual-host=" + virtualHost));
        processes.add(process);
        return process;
    }

    private Map<String, String> brokerEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_RABBITMQ_HOST", "127.0.0.1");
        environment.put("SPRING_RABBITMQ_PORT", Integer.toString(broker.port()));
        environment.put("SPRING_RABBITMQ_USERNAME", "guest");
        environment.put("SPRING_RABBITMQ_PASSWORD", "guest");
        environment.put("ASSAY_STORAGE_DIR", storage.toString());
        return environment;
    }

    String virtualHost() {
        return virtualHost;
    }

    /** Closes the cluster, if it was started. */
    static void closeQuietly(AssayCluster cluster) {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Kills every process it started and drops its database. */
    @Override
    public void close() {
        processes.forEach(process -> {
            if (process.isAlive()) {
                process.kill();
            }
        });
        String database = databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
        try {
            execute(LocalPostgres.get(), "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (IllegalStateException e) {
            // best effort: a leftover test database harms nothing
        }
    }

    private static void execute(LocalPostgres postgres, String sql) {
        try (Connection connection = DriverManager.getConnection(postgres.url(), postgres.username(),
                postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql + ": " + e.getMessage(), e);
        }
    }
}
