package dev.assay.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assumptions;

/** Decides what a test does when a service it needs does not answer: fail in CI, skip elsewhere. */
public final class Services {

    private Services() {
    }

    /** Whether the service must be there (CI, or {@code <SERVICE>_REQUIRED=true}) rather than its tests skipped. */
    public static boolean required(String service) {
        return "true".equalsIgnoreCase(System.getenv("CI"))
                || "true".equalsIgnoreCase(System.getenv(service + "_REQUIRED"));
    }

    static void ensureReachable(String service, String host, int port) {
        if (answers(host, port)) {
            return;
        }
        String message = service + " does not answer on " + host + ":" + port;
        if (required(service)) {
            throw new IllegalStateException(message + " (required: CI or " + service + "_REQUIRED is set)");
        }
        Assumptions.abort(message + "; test skipped (set " + service + "_REQUIRED=true to fail instead)");
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
