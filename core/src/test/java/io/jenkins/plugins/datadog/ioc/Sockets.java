package io.jenkins.plugins.datadog.ioc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import javax.net.SocketFactory;

/** Connection failures on loopback, without the internet: a closed port, and connects that fail on purpose. */
public final class Sockets {
    private Sockets() {}

    /** A loopback port that nothing listens on (any more): connecting to it is refused. */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A loopback server that answers every connection in plain HTTP at once, before reading anything: a
     * TLS client fails its handshake on that answer ("Unsupported or unrecognized SSL message").
     */
    public static final class PlainHttpOnly implements AutoCloseable {
        private final ServerSocket server;

        public PlainHttpOnly() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::serve, "plain-http-only");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setSoTimeout(5000);
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.getInputStream().transferTo(OutputStream.nullOutputStream()); // until the client gives up
                } catch (IOException e) {
                    // the next connection, unless closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * A loopback server that accepts every connection and never answers nor closes it: a gateway that
     * swallows requests. Counts the connections, which tells how many lookups were sent.
     */
    public static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        public Silent() throws IOException {
            server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::hold, "silent-gateway");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        public int port() {
            return server.getLocalPort();
        }

        /** Connections accepted so far. */
        public int connections() {
            return held.size();
        }

        private void hold() {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException e) {
                    // closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** For OkHttp: sockets whose connect fails as told, by the connect's number (1, 2, ...), or connects for real. */
    public static final class FailingConnects extends SocketFactory {
        public final AtomicInteger connects = new AtomicInteger();
        private final IntFunction<IOException> failure;

        /** @param failure what the n-th connect throws, or {@code null} to connect */
        public FailingConnects(IntFunction<IOException> failure) {
            this.failure = failure;
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress address, int timeout) throws IOException {
                    IOException e = failure.apply(connects.incrementAndGet());
                    if (e != null) {
                        close();
                        throw e;
                    }
                    super.connect(address, timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException("OkHttp creates unconnected sockets");
        }
    }
}
