package io.jenkins.plugins.datadog.ioc.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for Datadog's IoC Explorer on loopback for benchmarks. With {@code --limit L --period P}
 * it enforces a rate limit the way Datadog announces it: windows of P seconds aligned to the clock,
 * {@code X-RateLimit-*} headers on every answer, 429 past the limit. {@code GET /stats} reports what it
 * served. Only ever binds to the loopback address.
 *
 * <pre>java -jar bench/target/bench-server.jar [--limit L --period P] [--port N]</pre>
 */
public final class BenchServer {
    private final int limit;
    private final int periodSeconds;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong tooMany = new AtomicLong();
    private long window = -1;
    private int usedInWindow;

    private BenchServer(int limit, int periodSeconds) {
        this.limit = limit;
        this.periodSeconds = periodSeconds;
    }

    public static void main(String[] args) throws IOException {
        int limit = 0;
        int period = 1;
        int port = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                case "--period" -> period = Integer.parseInt(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // Without it, headers and body go out in two segments and Nagle's algorithm adds ~40 ms to each answer.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        BenchServer bench = new BenchServer(limit, period);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/api/v2/security/siem/ioc-explorer/indicator", bench::lookup);
        server.createContext("/stats", bench::stats);
        server.start();
        System.out.println("port " + server.getAddress().getPort());
        System.out.flush();
    }

    private void lookup(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String indicator = URLDecoder.decode(query.replaceFirst("^.*indicator=([^&]*).*$", "$1"), StandardCharsets.UTF_8);
        if (limit > 0) {
            long now = System.currentTimeMillis();
            long periodMillis = periodSeconds * 1000L;
            int remaining;
            long resetSeconds;
            synchronized (this) {
                long current = now / periodMillis;
                if (current != window) {
                    window = current;
                    usedInWindow = 0;
                }
                usedInWindow++;
                remaining = limit - usedInWindow;
                resetSeconds = ((current + 1) * periodMillis - now + 999) / 1000;
            }
            var headers = exchange.getResponseHeaders();
            headers.add("X-RateLimit-Limit", String.valueOf(limit));
            headers.add("X-RateLimit-Period", String.valueOf(periodSeconds));
            headers.add("X-RateLimit-Remaining", String.valueOf(Math.max(0, remaining)));
            headers.add("X-RateLimit-Reset", String.valueOf(resetSeconds));
            if (remaining < 0) {
                tooMany.incrementAndGet();
                send(exchange, 429, "{\"errors\":[\"Too many requests\"]}");
                return;
            }
        }
        answered.incrementAndGet();
        int score = Math.floorMod(indicator.hashCode(), 100);
        if (score < 10) {
            send(exchange, 404, "{\"errors\":[\"Not Found\"]}");
            return;
        }
        send(exchange, 200, "{\"data\":{\"attributes\":{\"data\":{\"indicator\":\"" + indicator.replace("\"", "")
                + "\",\"indicator_type\":\"IP Address\",\"score\":" + score + ",\"categories\":[\"scanner\"],"
                + "\"malicious_sources\":[{\"name\":\"bench\"}],\"first_seen\":\"2026-11-01T10:00:00Z\","
                + "\"last_seen\":\"2026-11-27T10:00:00.123Z\",\"log_matches\":42,\"signal_matches\":1,"
                + "\"as_geo\":{\"country_code\":\"DE\"}}},\"id\":\"bench\",\"type\":\"ioc\"}}");
    }

    private void stats(HttpExchange exchange) throws IOException {
        send(exchange, 200, "{\"answered\":" + answered.get() + ",\"too_many_requests\":" + tooMany.get() + "}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.api+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
