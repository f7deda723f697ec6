package dev.assay.gateway.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.rabbitmq.client.ShutdownSignalException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

/**
 * Whether this gateway can hear the cluster: since when its connection to the broker, on which its listeners receive
 * the workers' heartbeats and events, has been open without a break. While it is closed, the silence of a worker proves
 * nothing about the worker. Thread safe.
 */
public class BrokerContact implements ConnectionListener {

    private final Clock clock;
    private volatile Instant openSince;

    /** Closed until {@link #onCreate}: register it with the connection factory whose connection it follows. */
    public BrokerContact(Clock clock) {
        this.clock = clock;
    }

    /** Whether the connection has been open for at least {@code period} without a break. */
    public boolean openFor(Duration period) {
        Instant since = openSince;
        return since != null && !since.plus(period).isAfter(clock.instant());
    }

    @Override
    public void onCreate(Connection connection) {
        openSince = clock.instant();
    }

    @Override
    public void onClose(Connection connection) {
        openSince = null;
    }

    @Override
    public void onShutDown(ShutdownSignalException signal) {
        openSince = null;
    }

    @Override
    public void onFailed(Exception exception) {
        openSince = null;
    }
}
