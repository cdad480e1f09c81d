package dev.guildhall.system;

import dev.guildhall.client.GuildhallClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One PostgreSQL and several core-api processes started from the packaged jar, as an operator runs
 * them behind a load balancer. Each process logs to target/system-tests/core-api-N.log.
 */
final class Cluster implements AutoCloseable {

    static final String ADMIN_KEY = "ghk_system-test-admin-key-0123456789";

    private final EmbeddedPostgres postgres;
    private final List<Process> processes = new ArrayList<>();
    private final List<String> urls = new ArrayList<>();

    private Cluster(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static Cluster start(int instances) throws Exception {
        return start(instances, Map.of());
    }

    /** {@code env}: more environment for every instance, e.g. {@code GUILDHALL_RATE_LIMIT_APP=100}. */
    static Cluster start(int instances, Map<String, String> env) throws Exception {
        Path jar = Path.of("..", "core-api", "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package core-api first (mvn verify builds it)");
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("guildhall-system-pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "off")
                .setServerConfig("max_connections", "200")
                .start();
        Cluster cluster = new Cluster(pg);
        try {
            Path logs = Files.createDirectories(Path.of("target", "system-tests"));
            String java = ProcessHandle.current().info().command().orElse("java");
            for (int i = 0; i < instances; i++) {
                int port = freePort();
                ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toAbsolutePath().toString())
                        .redirectErrorStream(true)
                        .redirectOutput(logs.resolve("core-api-" + i + ".log").toFile());
                pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
                pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", pg.getJdbcUrl("postgres", "postgres"));
                pb.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
                pb.environment().put("GUILDHALL_ADMIN_KEY", ADMIN_KEY);
                pb.environment().putAll(env);
                cluster.processes.add(pb.start());
                cluster.urls.add("http://127.0.0.1:" + port);
            }
            for (int i = 0; i < instances; i++) cluster.awaitReady(i);
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    String url(int instance) {
        return urls.get(instance);
    }

    GuildhallClient client(int instance, String key) {
        return GuildhallClient.builder().baseUrl(url(instance)).apiKey(key).build();
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
    }

    private void awaitReady(int instance) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes.get(instance).isAlive()) {
                throw new IllegalStateException("core-api " + instance + " exited; see target/system-tests/core-api-" + instance + ".log");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url(instance) + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("core-api " + instance + " not ready after 90 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        for (Process p : processes) p.destroy();
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        postgres.close();
    }

    /** Stops one instance as an orchestrator does (SIGTERM: Quarkus shuts down gracefully). */
    void stop(int instance) throws InterruptedException {
        Process p = processes.get(instance);
        p.destroy();
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
    }

    static File log(int instance) {
        return Path.of("target", "system-tests", "core-api-" + instance + ".log").toFile();
    }
}
