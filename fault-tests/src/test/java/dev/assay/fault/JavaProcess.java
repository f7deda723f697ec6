package dev.assay.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A gateway or worker JVM started from its executable jar, its output captured in {@code target/fault-logs/}.
 * {@link #kill()} is {@code kill -9}: no shutdown hook, no graceful stop; {@link #stop()} is {@code kill} (SIGTERM).
 */
final class JavaProcess implements AutoCloseable {

    /** Processes still running when this JVM exits (a test aborted before its clean-up) are killed with it. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private static final String PID_SUFFIX = ".pid";
    private static final Path LOGS = FaultFiles.target().resolve("fault-logs");

    static {
        killLeftovers();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "kill-fault-processes"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code java -jar jar args} with the given environment added to this JVM's. */
    static JavaProcess start(String name, Path jar, Map<String, String> environment, List<String> args) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B -pl fault-tests -am verify)");
        }
        Path log = LOGS.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            RUNNING.add(process);
            Files.writeString(LOGS.resolve(name + PID_SUFFIX), Long.toString(process.pid()));
            process.onExit().thenRun(() -> RUNNING.remove(process));
            return new JavaProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /**
     * A run killed hard (e.g. by Surefire's fork timeout) cannot kill its processes: the next run does, by the pid
     * files they left, when the pid still belongs to a process started from one of Assay's executable jars.
     */
    private static void killLeftovers() {
        if (!Files.isDirectory(LOGS)) {
            return;
        }
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path pidFile : files.filter(file -> file.toString().endsWith(PID_SUFFIX)).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                        .filter(process -> process.info().commandLine().orElse("").contains("-exec.jar"))
                        .ifPresent(ProcessHandle::destroyForcibly);
                Files.delete(pidFile);
            }
        } catch (IOException | NumberFormatException e) {
            // best effort: a leftover process only costs resources
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code ready} answers true; fails early, with the end of the log, should the process die. */
    void awaitReady(String what, Duration timeout, BooleanSupplier ready) {
        await(name + " " + what).atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            return ready.getAsBoolean();
        });
    }

    /** Whether the process has printed this text. */
    boolean logContains(String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code kill -9}. */
    void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, then {@code kill -9} if it has not stopped within a minute. */
    void stop() {
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(60))) {
            kill();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
