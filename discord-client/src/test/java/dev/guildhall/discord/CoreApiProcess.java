package dev.guildhall.discord;

import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.client.model.NewApiKey;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real core-api as a child process: the packaged {@code quarkus-run.jar} on a free port with its
 * embedded PostgreSQL in a temporary data directory (no database URL set). Logs go to
 * {@code target/core-api.log}.
 */
final class CoreApiProcess implements AutoCloseable {

    static final String ADMIN_KEY = "ghk_discord-e2e-admin-key-0123456789";

    private final Process process;
    private final String url;
    private final Path dataDir;

    private CoreApiProcess(Process process, String url, Path dataDir) {
        this.process = process;
        this.url = url;
        this.dataDir = dataDir;
    }

    static CoreApiProcess start() throws Exception {
        return start(Map.of());
    }

    /** With {@code environment} added to core-api's own (e.g. tracing switched on). */
    static CoreApiProcess start(Map<String, String> environment) throws Exception {
        // GUILDHALL_CORE_API_JAR: try the bot against another core-api build (e.g. a branch not merged yet)
        String override = System.getenv("GUILDHALL_CORE_API_JAR");
        Path jar = override != null && !override.isBlank() ? Path.of(override)
                : Path.of("..", "core-api", "target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build core-api first "
                    + "(mvn -pl discord-client -am verify does)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("guildhall-discord-e2e");
        Path log = Files.createDirectories(Path.of("target")).resolve("core-api.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        pb.environment().put("GUILDHALL_DATA_DIR", data.toString());
        pb.environment().put("GUILDHALL_ADMIN_KEY", ADMIN_KEY);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().putAll(environment);
        CoreApiProcess p = new CoreApiProcess(pb.start(), "http://127.0.0.1:" + port, data);
        try {
            p.awaitReady(Duration.ofSeconds(120));
        } catch (Exception e) {
            p.close();
            throw e;
        }
        return p;
    }

    String url() {
        return url;
    }

    GuildhallClient client(String key) {
        return GuildhallClient.builder().baseUrl(url).apiKey(key).build();
    }

    /** A new platform key, made through the admin API as an operator would. */
    String platformKey() {
        try (GuildhallClient admin = client(ADMIN_KEY)) {
            return admin.apiKeys().create(new NewApiKey("discord-bot", "platform", List.of(), List.of()),
                    CallOptions.none()).key();
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("core-api exited; see discord-client/target/core-api.log");
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("core-api not ready after " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteQuietly(dataDir);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
