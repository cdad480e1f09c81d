package dev.guildhall;

import dev.guildhall.auth.ApiKeyService;
import dev.guildhall.platform.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Starts core-api. With no database URL configured it first starts the embedded PostgreSQL
 * (data in {@code GUILDHALL_DATA_DIR}, default {@code ~/.guildhall}) and, without
 * {@code GUILDHALL_ADMIN_KEY}, an admin key kept beside the data and printed at start-up.
 */
@QuarkusMain
public class GuildhallMain {

    public static void main(String... args) throws IOException {
        // building the AppCDS archive (quarkus.package.jar.appcds.enabled) only loads classes: no database
        boolean archiving = Boolean.getBoolean("quarkus.appcds.generate");
        if (!archiving && isBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL")) && isBlank(System.getProperty("quarkus.datasource.jdbc.url"))) {
            Path dataDir = Path.of(firstNonBlank(System.getenv("GUILDHALL_DATA_DIR"),
                    System.getProperty("user.home") + "/.guildhall"));
            EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("postgres"), true);
            Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
            System.setProperty("quarkus.datasource.jdbc.url", database.jdbcUrl());
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("quarkus.datasource.password", "");
            if (isBlank(System.getenv("GUILDHALL_ADMIN_KEY")) && isBlank(System.getProperty("guildhall.admin-key"))) {
                String key = adminKey(dataDir.resolve("admin-key"));
                System.setProperty("guildhall.admin-key", key);
                System.out.printf("%nGuildhall embedded default: PostgreSQL data in %s%nAdmin key (also in %s): %s%n%n",
                        dataDir.resolve("postgres"), dataDir.resolve("admin-key"), key);
            }
        }
        Quarkus.run(args);
    }

    private static String adminKey(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String key = ApiKeyService.newSecret();
        Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system (Windows): the user's profile directory protects it
        }
        return key;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstNonBlank(String a, String b) {
        return isBlank(a) ? b : a;
    }
}
