package dev.guildhall.slack.support;

import dev.guildhall.client.CallOptions;
import dev.guildhall.client.GuildhallClient;
import dev.guildhall.client.model.NewApiKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real core-api, as the operator runs it: {@code java -jar core-api/target/quarkus-app/quarkus-run.jar}
 * with its embedded PostgreSQL in a throw-away {@code GUILDHALL_DATA_DIR}, a known admin key and a free
 * port. The reactor packages core-api before this module (see the pom's type=pom dependency).
 */
public final class CoreApiProcess implements AutoCloseable {

    public static final String ADMIN_KEY = "ghk_slack-it-admin-key-0123456789abcdef";

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final String url;
    private final GuildhallClient admin;
    private final String platformKey;

    private CoreApiProcess(Process process, Path dataDir, Path log, String url) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.url = url;
        this.admin = GuildhallClient.builder().baseUrl(url).apiKey(ADMIN_KEY).build();
        this.platformKey = admin.apiKeys().create(new NewApiKey("slack-client-it", "platform", null, null),
                CallOptions.none()).key();
    }

    public static CoreApiProcess start() {
        String jar = System.getProperty("slack-it.core-api-jar", "../core-api/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: build from the project root so the reactor packages core-api first "
                    + "(mvn -pl slack-client -am verify)");
        }
        try {
            int port = freePort();
            Path dataDir = Files.createTempDirectory("guildhall-slack-it");
            Path log = Path.of("target", "core-api-it.log").toAbsolutePath();
            Files.createDirectories(log.getParent());
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.remove("QUARKUS_DATASOURCE_JDBC_URL");
            env.put("GUILDHALL_DATA_DIR", dataDir.toString());
            env.put("GUILDHALL_ADMIN_KEY", ADMIN_KEY);
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            Process process = builder.start();
            String url = "http://127.0.0.1:" + port;
            awaitReady(process, url, log, Duration.ofSeconds(120));
            return new CoreApiProcess(process, dataDir, log, url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReady(Process process, String url, Path log, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("core-api exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("core-api not ready within " + timeout + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String url() { return url; }

    /** A client with the admin key, for checking results through core-api's own API. */
    public GuildhallClient admin() { return admin; }

    /** The platform key created for slack-client through the admin API. */
    public String platformKey() { return platformKey; }

    public Path log() { return log; }

    @Override
    public void close() {
        admin.close();
        process.destroy(); // SIGTERM: core-api stops, and its shutdown hook stops PostgreSQL
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory; the OS cleans it eventually
        }
    }
}
