package dev.guildhall.discord.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.guildhall.discord.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.ShardManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A small HTTP endpoint for operators, on the same paths as core-api's: {@code /q/health/live}
 * (the process runs), {@code /q/health/ready} and {@code /q/health} (every shard connected to the
 * gateway; 503 otherwise) and {@code /q/metrics} (Prometheus text format).
 */
public final class OpsServer implements AutoCloseable {

    private final HttpServer server;

    public OpsServer(int port, Supplier<ShardManager> shards, PrometheusMeterRegistry registry) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ops-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/q/health/live", ex -> send(ex, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/q/health/ready", ex -> ready(ex, shards.get()));
        server.createContext("/q/health", ex -> ready(ex, shards.get()));
        server.createContext("/q/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void ready(HttpExchange ex, ShardManager sm) throws IOException {
        Map<String, Object> shardStates = new LinkedHashMap<>();
        boolean up = sm != null && !sm.getShardCache().isEmpty();
        if (sm != null) {
            for (JDA shard : sm.getShardCache()) {
                shardStates.put(String.valueOf(shard.getShardInfo().getShardId()), shard.getStatus().name());
                up &= shard.getStatus() == JDA.Status.CONNECTED;
            }
        }
        String body = Json.obj("status", up ? "UP" : "DOWN", "shards", shardStates).toString();
        send(ex, up ? 200 : 503, "application/json", body);
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
