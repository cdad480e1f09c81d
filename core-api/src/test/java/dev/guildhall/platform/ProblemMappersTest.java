package dev.guildhall.platform;

import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are the database being away or overloaded (503, never 500): plain Java, no HTTP. */
class ProblemMappersTest {

    @Test
    void aPoolWithNoFreeConnectionIsTheDatabaseBeingUnavailable() {
        // Agroal's own words, wrapped as the JDBC writers wrap them
        assertThat(ProblemMappers.isDatabaseUnreachable(
                new PersistenceException("could not insert war", new SQLException("Sorry, acquisition timeout!")))).isTrue();
        assertThat(ProblemMappers.isDatabaseUnreachable(new SQLException("refused", "08001"))).isTrue();
        assertThat(ProblemMappers.isDatabaseUnreachable(new IllegalStateException(new ConnectException("refused")))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(ProblemMappers.isDatabaseUnreachable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemMappers.isDatabaseUnreachable(new IllegalStateException("bug"))).isFalse();
    }
}
