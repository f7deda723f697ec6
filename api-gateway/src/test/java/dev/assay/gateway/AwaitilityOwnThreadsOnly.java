package dev.assay.gateway;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Awaitility by default fails an {@code await()} with any uncaught exception thrown in any thread of the JVM meanwhile.
 * Test classes share one JVM here, and a Spring context closed by an earlier class (its RabbitMQ channels close
 * asynchronously after their executor stopped) can throw from its own threads while a later, unrelated test awaits:
 * that is not the later test's verdict. Tests assert on effects, which an exception in a thread under test prevents.
 */
public class AwaitilityOwnThreadsOnly implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }
}
