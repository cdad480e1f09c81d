package dev.guildhall.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL from the zonky binaries on Maven Central, for the default run (data kept in
 * a directory across restarts) and for tests (a throw-away directory). Production sets
 * {@code QUARKUS_DATASOURCE_JDBC_URL} and never starts one.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on a free port; {@code persistent} keeps the data directory between starts. */
    public static EmbeddedDatabase start(Path dataDirectory, boolean persistent) {
        return start(dataDirectory, persistent, 0);
    }

    /**
     * Starts PostgreSQL on {@code port} (0: a free one). A persistent database started again on its directory and
     * port is the same database at the same URL, as after a restart (tests stop and start it under a running API).
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean persistent, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!persistent)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", persistent ? "on" : "off")
                    .setServerConfig("synchronous_commit", persistent ? "on" : "off");
            return new EmbeddedDatabase(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
