package dev.assay.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder from a local port to a service, for tests that need the service to become unreachable and come
 * back without stopping it (other test runs share it). {@link #stop()} closes the listening socket and every
 * forwarded connection, as a crashed or partitioned service would; {@link #start()} listens again on the same port.
 * <p>
 * Example: {@code TcpProxy proxy = TcpProxy.to(broker.host(), broker.port()); proxy.start();} then point the
 * client at {@code 127.0.0.1:proxy.port()}.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile int port;
    private volatile ServerSocket server;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** A stopped proxy to the given service; {@link #start()} picks a free local port for it. */
    public static TcpProxy to(String targetHost, int targetPort) {
        return new TcpProxy(targetHost, targetPort);
    }

    /** The local port the proxy listens on (0 before the first start). */
    public int port() {
        return port;
    }

    /** Starts listening (on a free port at the first start, on the same port afterwards) and forwarding. */
    public synchronized TcpProxy start() {
        if (server != null) {
            return this;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = socket.getLocalPort();
            server = socket;
            Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
    }

    /** Stops listening and cuts every forwarded connection. */
    public synchronized void stop() {
        ServerSocket socket = server;
        server = null;
        closeQuietly(socket);
        for (Socket forwarded : sockets) {
            closeQuietly(forwarded);
        }
        sockets.clear();
    }

    /** Whether the proxy is forwarding now. */
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public void close() {
        stop();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            Socket target = new Socket();
            try {
                target.connect(new InetSocketAddress(targetHost, targetPort), 5000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(target);
                continue;
            }
            sockets.add(client);
            sockets.add(target);
            pump(client, target);
            pump(target, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (SocketException e) {
                // the other side or stop() closed the connection
            } catch (IOException e) {
                // a broken connection ends like a closed one
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-" + port + "-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort: the socket may be closed already
        }
    }
}
