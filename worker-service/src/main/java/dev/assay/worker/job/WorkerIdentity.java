package dev.assay.worker.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who is processing: a worker id unique per process ({@code host-pid-random}) and the host it runs on.
 *
 * @param workerId unique per worker process, carried on every event and heartbeat
 * @param host     the host name
 */
public record WorkerIdentity(String workerId, String host) {

    public WorkerIdentity {
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(host, "host");
    }

    /** A new identity for this process. */
    public static WorkerIdentity ofThisProcess() {
        String host = hostName();
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        return new WorkerIdentity(host + "-" + ProcessHandle.current().pid() + "-" + random, host);
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
