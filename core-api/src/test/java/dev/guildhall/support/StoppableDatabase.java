package dev.guildhall.support;

import dev.guildhall.platform.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An embedded PostgreSQL of a test's own, which the test may stop and start again under the running API (same
 * data, same port, so the same URL): for outage tests, which must not stop the database the other tests share.
 * Injected into the test's field of this type.
 */
public class StoppableDatabase implements QuarkusTestResourceLifecycleManager {

    private Path directory;
    private int port;
    private volatile EmbeddedDatabase running;

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("guildhall-outage-pg");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        running = EmbeddedDatabase.start(directory, true, 0);
        port = running.port();
        return Map.of("quarkus.datasource.jdbc.url", running.jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "",
                "guildhall.admin-key", TestDatabase.ADMIN_KEY);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(this, new TestInjector.MatchesType(StoppableDatabase.class));
    }

    /** Stops PostgreSQL (a fast shutdown: open sessions are ended); the data stays. */
    public synchronized void shutDown() {
        if (running != null) running.close();
        running = null;
    }

    /** Starts it again on the same data and port. */
    public synchronized void startAgain() {
        if (running == null) running = EmbeddedDatabase.start(directory, true, port);
    }

    /**
     * Freezes PostgreSQL (SIGSTOP to the postmaster and its backends): connections are accepted by the kernel and
     * then never answered, and queries under way never return, as when a network partition swallows the packets.
     */
    public synchronized void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen PostgreSQL go on. */
    public synchronized void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim());
            List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(postmaster)));
            ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> command.add(String.valueOf(p.pid())));
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) throw new IllegalStateException(command + " exited with " + exit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (running != null) thaw();
        shutDown();
        if (directory != null) deleteQuietly(directory);
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the OS clears it eventually
        }
    }
}
