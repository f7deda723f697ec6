package dev.assay.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line: {@code --name value} or {@code --name=value}. Every option has a default, see {@link #USAGE}.
 *
 * @param mode           {@code load} (drive a running Assay) or {@code rabbit} (the broker baseline)
 * @param url            the gateway's base URL
 * @param users          number of users; user {@code n} is {@code <userPrefix><n>} with {@code password}
 * @param userPrefix     prefix of the user names
 * @param password       every user's password
 * @param files          files each user uploads
 * @param sizeBytes      size of each generated CSV
 * @param corpus         a folder of real files mixed in, or null
 * @param corpusShare    fraction 0..1 of each user's files taken from {@code corpus}
 * @param corpusMaxBytes corpus files larger than this are left out
 * @param concurrency    uploads in flight per user
 * @param idle           extra connected dashboards that only listen, spread round-robin over the users
 * @param timeout        how long to wait for all terminal events after the last upload
 * @param label          the run's name, used for the report files
 * @param out            folder for the JSON and HTML reports
 * @param gatewayPid     process id of a local gateway whose resident memory is sampled, or 0
 * @param amqpUri        the broker for the baseline, with virtual host
 * @param messages       messages the baseline publishes
 * @param messageBytes   size of each baseline message
 * @param publishers     baseline publisher threads, each waiting for the confirm of each message
 * @param consumers      baseline consumer threads, each with prefetch 1 and manual acks
 * @param auth           {@code session} (each user signs in once like the dashboard and sends its session cookie and
 *                       CSRF token) or {@code basic} (HTTP Basic on every request and on the WebSocket handshake)
 */
record Options(String mode, URI url, int users, String userPrefix, String password, int files, long sizeBytes,
        Path corpus, double corpusShare, long corpusMaxBytes, int concurrency, int idle, Duration timeout,
        String label, Path out, long gatewayPid, URI amqpUri, int messages, int messageBytes, int publishers,
        int consumers, String auth) {

    static final String USAGE = """
            usage: java -jar loadgen.jar [--mode load|rabbit] [options]
              load mode (drives a running Assay; users must exist, e.g. ASSAY_USERS=load1:secret,load2:secret,...):
                --url http://localhost:8080   gateway
                --users 20                    users load1..loadN, each with its own STOMP connection
                --user-prefix load --password secret
                --files 50                    files per user
                --size 1KB                    size of each generated CSV (B, KB, MB, GB; powers of 1024)
                --corpus DIR --corpus-share 0 real files mixed in (fraction of each user's files)
                --corpus-max 2MB              corpus files above this size are left out
                --concurrency 4               uploads in flight per user
                --idle 0                      extra listening dashboards (round-robin over users)
                --timeout 300                 seconds to wait for the last terminal events
                --gateway-pid PID             sample the gateway's resident memory (same machine)
                --auth session                session: sign in once per user (GET /api/auth/csrf, POST
                                              /api/auth/login) and send the session cookie + X-XSRF-TOKEN, like
                                              the dashboard; basic: HTTP Basic on every request
              rabbit mode (broker baseline: persistent messages, publisher confirms, quorum queue, manual acks):
                --amqp amqp://guest:guest@127.0.0.1:5672/%2F
                --messages 10000 --message-size 400 --publishers 2 --consumers 2
              both: --label run --out target/loadgen-report
            """;

    private static final Set<String> KNOWN = Set.of("mode", "url", "users", "user-prefix", "password", "files",
            "size", "corpus", "corpus-share", "corpus-max", "concurrency", "idle", "timeout", "label", "out",
            "gateway-pid", "amqp", "messages", "message-size", "publishers", "consumers", "auth");

    /** @throws IllegalArgumentException with a message for the user when an option is unknown or malformed */
    static Options parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected an option, got '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            given.put(name, value);
        }
        Reader r = new Reader(given);
        String mode = r.text("mode", "load");
        if (!mode.equals("load") && !mode.equals("rabbit")) {
            throw new IllegalArgumentException("--mode must be load or rabbit, not " + mode);
        }
        String auth = r.text("auth", "session");
        if (!auth.equals("session") && !auth.equals("basic")) {
            throw new IllegalArgumentException("--auth must be session or basic, not " + auth);
        }
        String corpus = r.text("corpus", null);
        Options options = new Options(mode,
                URI.create(stripSlash(r.text("url", "http://localhost:8080"))),
                r.positive("users", 20),
                r.text("user-prefix", "load"),
                r.text("password", "secret"),
                r.positive("files", 50),
                parseSize(r.text("size", "1KB")),
                corpus == null ? null : Path.of(corpus),
                r.fraction("corpus-share", corpus == null ? 0 : 0.2),
                parseSize(r.text("corpus-max", "2MB")),
                r.positive("concurrency", 4),
                r.nonNegative("idle", 0),
                Duration.ofSeconds(r.positive("timeout", 300)),
                r.text("label", mode.equals("load") ? "load" : "rabbit"),
                Path.of(r.text("out", "target/loadgen-report")),
                r.nonNegative("gateway-pid", 0),
                URI.create(r.text("amqp", "amqp://guest:guest@127.0.0.1:5672/%2F")),
                r.positive("messages", 10_000),
                (int) parseSize(r.text("message-size", "400")),
                r.positive("publishers", 2),
                r.positive("consumers", 2),
                auth);
        if (options.corpusShare() > 0 && options.corpus() == null) {
            throw new IllegalArgumentException("--corpus-share needs --corpus DIR");
        }
        return options;
    }

    /** Parses {@code 400}, {@code 400B}, {@code 1KB}, {@code 10MB}, {@code 1GB} (powers of 1024). */
    static long parseSize(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        if (s.endsWith("KB")) {
            unit = 1L << 10;
        } else if (s.endsWith("MB")) {
            unit = 1L << 20;
        } else if (s.endsWith("GB")) {
            unit = 1L << 30;
        }
        String digits = s.replaceAll("[KMG]?B$", "");
        try {
            long size = Long.parseLong(digits) * unit;
            if (size <= 0) {
                throw new IllegalArgumentException("a size must be positive: " + text);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (e.g. 400, 1KB, 10MB)", e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record Reader(Map<String, String> given) {

        String text(String name, String fallback) {
            return given.getOrDefault(name, fallback);
        }

        long number(String name, long fallback) {
            String value = text(name, null);
            if (value == null) {
                return fallback;
            }
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, not '" + value + "'", e);
            }
        }

        int positive(String name, int fallback) {
            long value = number(name, fallback);
            if (value < 1 || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--" + name + " must be at least 1, not " + value);
            }
            return (int) value;
        }

        int nonNegative(String name, int fallback) {
            long value = number(name, fallback);
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--" + name + " must be 0 or more, not " + value);
            }
            return (int) value;
        }

        double fraction(String name, double fallback) {
            String value = text(name, null);
            try {
                double fraction = value == null ? fallback : Double.parseDouble(value);
                if (!(fraction >= 0 && fraction <= 1)) {
                    throw new IllegalArgumentException("--" + name + " must be between 0 and 1, not " + value);
                }
                return fraction;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'", e);
            }
        }
    }
}
