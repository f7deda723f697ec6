package dev.assay.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The PostgreSQL server that answers locally ({@code POSTGRES_HOST}, default 127.0.0.1:5432, trust auth), with a
 * database of its own per test run, created from the {@code test} database and dropped at JVM exit.
 */
public final class LocalPostgres {

    private static LocalPostgres shared;

    private final String url;
    private final String username;
    private final String password;

    private LocalPostgres(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** The server for this JVM, with a fresh database; skips or fails the test when no server answers. */
    public static synchronized LocalPostgres get() {
        if (shared == null) {
            shared = withNewDatabase();
        }
        return shared;
    }

    /**
     * The server with another fresh database of its own, for a test whose rows must not meet those of the other
     * tests in this JVM (e.g. one that counts all jobs); skips or fails the test when no server answers.
     */
    public static LocalPostgres withNewDatabase() {
        String host = Services.env("POSTGRES_HOST", "127.0.0.1");
        int port = Integer.parseInt(Services.env("POSTGRES_PORT", "5432"));
        Services.ensureReachable("POSTGRES", host, port);
        String username = Services.env("POSTGRES_USER", "postgres");
        String password = Services.env("POSTGRES_PASSWORD", "");
        String admin = "jdbc:postgresql://" + host + ":" + port + "/" + Services.env("POSTGRES_DB", "test");
        String database = "assay_test_" + UUID.randomUUID().toString().substring(0, 8);
        execute(admin, username, password, "CREATE DATABASE " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> dropQuietly(admin, username, password, database), "drop-test-database"));
        return new LocalPostgres("jdbc:postgresql://" + host + ":" + port + "/" + database, username, password);
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Spring Boot properties pointing at this database. */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", username);
        properties.put("spring.datasource.password", password);
        return properties;
    }

    private static void execute(String url, String username, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + " refused: " + sql + ": " + e.getMessage(), e);
        }
    }

    private static void dropQuietly(String url, String username, String password, String database) {
        try {
            execute(url, username, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (RuntimeException ignored) {
            // best effort at exit; a leftover test database harms nothing
        }
    }
}
