package dev.guildhall.platform;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The key that signs page cursors ({@link PageRequest}). Every instance on one database must sign and check
 * alike, and no setting should be needed for it: so the first instance that needs it makes a random one and keeps
 * it in PostgreSQL, and every instance reads that one. Read on first use, not at start, so that an instance starts
 * (and answers 503) while the database is away.
 */
@Singleton
public class CursorKey {

    private final DataSource database;
    private volatile SecretKeySpec key;

    public CursorKey(DataSource database) {
        this.database = database;
    }

    void onStart(@Observes StartupEvent event) {
        PageRequest.useKey(this::key);
    }

    SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) key = new SecretKeySpec(load(), "HmacSHA256");
                k = key;
            }
        }
        return k;
    }

    private byte[] load() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (Connection c = database.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into cursor_key (id, secret) values (1, ?) on conflict (id) do nothing")) {
                insert.setBytes(1, fresh);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("select secret from cursor_key where id = 1");
                 ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the cursor key could not be read", e); // unreachable database: a 503
        }
    }
}
