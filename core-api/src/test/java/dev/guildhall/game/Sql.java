package dev.guildhall.game;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC for tests that look at (or shift) what the API stored: expiry times, audit rows, ratings. */
final class Sql {

    private Sql() {}

    /** The first column of the first row, as text. */
    static String text(DataSource db, String sql, String... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static long count(DataSource db, String sql, String... params) throws SQLException {
        return Long.parseLong(text(db, sql, params));
    }

    static void update(DataSource db, String sql, String... params) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
            ps.executeUpdate();
        }
    }

    /** How many audit entries of {@code action} the war has. */
    static long audited(DataSource db, String action, String war) throws SQLException {
        return count(db, "select count(*) from audit_log where action = ? and target = ?", action, war);
    }

    private static PreparedStatement prepare(Connection c, String sql, String... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) ps.setString(i + 1, params[i]);
        return ps;
    }
}
