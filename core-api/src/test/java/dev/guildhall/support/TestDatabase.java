package dev.guildhall.support;

import dev.guildhall.platform.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A real PostgreSQL for the tests: the embedded one by default, or the server in
 * {@code GUILDHALL_TEST_JDBC_URL} (with {@code GUILDHALL_TEST_DB_USER}/{@code _PASSWORD}) when set.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_KEY = "ghk_test-admin-key-0123456789abcdef";

    private EmbeddedDatabase embedded;

    @Override
    public Map<String, String> start() {
        String external = System.getenv("GUILDHALL_TEST_JDBC_URL");
        if (external != null && !external.isBlank()) {
            return Map.of("quarkus.datasource.jdbc.url", external,
                    "quarkus.datasource.username", env("GUILDHALL_TEST_DB_USER", "postgres"),
                    "quarkus.datasource.password", env("GUILDHALL_TEST_DB_PASSWORD", ""),
                    "guildhall.admin-key", ADMIN_KEY);
        }
        try {
            embedded = EmbeddedDatabase.start(Files.createTempDirectory("guildhall-test-pg"), false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.datasource.jdbc.url", embedded.jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "",
                "guildhall.admin-key", ADMIN_KEY);
    }

    @Override
    public void stop() {
        if (embedded != null) embedded.close();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
