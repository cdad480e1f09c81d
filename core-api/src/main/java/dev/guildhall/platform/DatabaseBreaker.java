package dev.guildhall.platform;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalPoolInterceptor;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.agroal.api.security.AgroalSecurityProvider;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Knows whether the database is reachable, so that while it is away nothing waits for a connection it cannot make.
 * A probe thread checks it every {@value #CHECK_EVERY_MILLIS} ms on a connection of its own ({@code select 1}, with
 * one-second connect, login and read timeouts, so a check never hangs, not even when a network partition swallows
 * the packets). An outage is found by the check, not by the calls that meet it: each of those waits for Agroal's
 * acquisition timeout and retry first (1-2 s and more). When a check times out, or fails on a fresh connection too,
 * the breaker opens:
 * <ul>
 *   <li>the pool's acquisition timeout drops to {@link #OPEN_ACQUISITION_TIMEOUT} and its minimum size to 0, so
 *       everything that asks Agroal for a connection (Hibernate, the services' JDBC, the flush threads) fails at once,
 *       and a call answers 503 {@code database-unavailable} at once (before: 1-2 s each, 4.3 s p99 for 80 at once;
 *       a {@link ShortCache} miss, such as an API key's, is refused before it even opens a transaction);</li>
 *   <li>the pool's connections are aborted ({@link PoolConnections}) and flushed: they are dead, or hung on a
 *       database that stopped answering, where aborting them frees the calls blocked on them at once;</li>
 *   <li>readiness ({@link DatabaseReadiness}) is DOWN and scheduled housekeeping is skipped ({@link Open});</li>
 *   <li>one WARN line says so. When a check succeeds again (within {@value #CHECK_EVERY_MILLIS} ms of the
 *       database's return), the pool's settings are put back and one INFO line says how long it lasted.</li>
 * </ul>
 * What needs no connection is still answered: a key and a server config held in their {@link ShortCache}. Only
 * while fresh, though: once an entry's 0.8 s are up it is not served stale, since a key revoked just before the
 * outage would then be honoured for as long as the outage lasts (a revocation holds on every instance within 1 s).
 * <p>
 * Written here rather than taken from SmallRye Fault Tolerance: its circuit breaker guards the calls of a method and
 * tries a real call when half-open, so a request would be spent (and, in a partition, left hanging) as the trial,
 * and with no traffic (a not-ready instance gets none) nothing would ever close it. The gate is the pool because
 * every connection comes from it: Agroal takes new settings at runtime, but gives Quarkus applications no hook before
 * a connection is acquired. Quarkus's own datasource readiness check is off ({@code quarkus.datasource.health.enabled
 * =false}): it borrows a pool connection, so with the database away it waits the acquisition timeout (longer than a
 * Kubernetes probe's 2 s), and under load it waits for a busy pool.
 */
@ApplicationScoped
public class DatabaseBreaker {

    static final long CHECK_EVERY_MILLIS = 250;
    /**
     * How long a connection may be waited for while the breaker is open: enough to take an idle one (there are none),
     * too short to wait for a new one. Each wait is a hand-off to Agroal's one housekeeping thread, which makes every
     * connection; on a busy machine each hand-off costs a scheduler time slice. That the database is back is the
     * probe's news, within {@value #CHECK_EVERY_MILLIS} ms.
     */
    static final Duration OPEN_ACQUISITION_TIMEOUT = Duration.ofMillis(1);
    /** The probe's connect, login and read timeouts (pgjdbc takes whole seconds). */
    private static final String PROBE_TIMEOUT_SECONDS = "1";

    private static final Logger LOG = Logger.getLogger(DatabaseBreaker.class);

    /** Since when the database has been away, and why. */
    public record Outage(Instant since, String reason) {}

    private final AgroalDataSource dataSource;
    private final PoolConnections connections;
    private final AgroalConnectionPoolConfiguration pool;
    private final Duration acquisitionTimeout;
    private final int minSize;
    private volatile boolean running;
    private volatile Outage outage;
    private Connection probe;
    private Thread thread;

    public DatabaseBreaker(AgroalDataSource dataSource, PoolConnections connections) {
        this.dataSource = dataSource;
        this.connections = connections;
        this.pool = dataSource.getConfiguration().connectionPoolConfiguration();
        this.acquisitionTimeout = pool.acquisitionTimeout();
        this.minSize = pool.minSize();
    }

    /** The first check before the application serves, so readiness and housekeeping never start on a guess. */
    void start(@Observes StartupEvent event) {
        check();
        running = true;
        thread = new Thread(this::loop, "database-probe");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(2000);
        }
    }

    /** Whether the database is known to be away. */
    public boolean isOpen() {
        return outage != null;
    }

    /** Whether scheduled housekeeping may run: started, not stopping, and the database reachable. */
    boolean allowsHousekeeping() {
        return running && outage == null;
    }

    /** The outage under way, or null. */
    public Outage outage() {
        return outage;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(CHECK_EVERY_MILLIS);
            } catch (InterruptedException e) {
                break;
            }
            check();
        }
        closeProbe();
    }

    /**
     * One check on the kept connection, and on a fresh one if that failed but did not time out: a session can end
     * alone (a restart, a killed backend), while a database that let a {@code select 1} wait a second is away.
     */
    void check() {
        boolean kept = probe != null;
        SQLException failure = query();
        if (failure != null && kept && !timedOut(failure)) failure = query();
        if (failure == null && outage != null) close();
        if (failure != null && outage == null) open(failure);
    }

    private SQLException query() {
        try {
            if (probe == null) probe = connect();
            try (Statement statement = probe.createStatement()) {
                statement.execute("select 1");
            }
            return null;
        } catch (SQLException e) {
            closeProbe();
            return e;
        }
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) return true;
        }
        return false;
    }

    /** A connection like the pool's (its URL, properties and credentials), with short timeouts and its own name. */
    private Connection connect() throws SQLException {
        AgroalConnectionFactoryConfiguration factory = pool.connectionFactoryConfiguration();
        Properties properties = new Properties();
        properties.putAll(factory.jdbcProperties());
        List<Object> secrets = new ArrayList<>(factory.credentials());
        secrets.add(0, factory.principal());
        for (Object secret : secrets) {
            for (AgroalSecurityProvider provider : factory.securityProviders()) {
                Properties found = secret == null ? null : provider.getSecurityProperties(secret);
                if (found != null) {
                    properties.putAll(found);
                    break;
                }
            }
        }
        properties.setProperty("connectTimeout", PROBE_TIMEOUT_SECONDS);
        properties.setProperty("loginTimeout", PROBE_TIMEOUT_SECONDS);
        properties.setProperty("socketTimeout", PROBE_TIMEOUT_SECONDS);
        properties.setProperty("ApplicationName", "guildhall-core-api database check");
        Connection connection = DriverManager.getDriver(factory.jdbcUrl()).connect(factory.jdbcUrl(), properties);
        if (connection == null) throw new SQLException("no JDBC driver takes " + factory.jdbcUrl());
        return connection;
    }

    private void open(SQLException cause) {
        outage = new Outage(Instant.now(), cause.getMessage() == null ? cause.toString() : cause.getMessage());
        pool.setAcquisitionTimeout(OPEN_ACQUISITION_TIMEOUT);
        pool.setMinSize(0); // no refilling meanwhile: each acquisition would try one more connection first
        connections.abortAll();
        dataSource.flush(AgroalDataSource.FlushMode.ALL);
        LOG.warnf("database unreachable (%s): calls that need it answer 503 and housekeeping waits until it is back; "
                + "checking every %d ms", outage.reason(), CHECK_EVERY_MILLIS);
    }

    private void close() {
        pool.setMinSize(minSize); // filled again as calls come
        pool.setAcquisitionTimeout(acquisitionTimeout);
        Duration lasted = Duration.between(outage.since(), Instant.now());
        outage = null;
        LOG.infof("database reachable again after %d.%01d s", lasted.toSeconds(), lasted.toMillisPart() / 100);
    }

    private void closeProbe() {
        if (probe == null) return;
        try {
            probe.close();
        } catch (SQLException e) {
            // it was broken already
        }
        probe = null;
    }

    /**
     * The pool's connections, as Agroal reports them made and closed, so that an opening breaker can abort them at
     * once: calls blocked on a connection to a database that stopped answering are freed then, with a 503. Agroal's
     * flush closes them too, but on its one housekeeping thread, which a connection attempt to such a database holds
     * for the login timeout (and which every call then queues an attempt on): seconds later.
     */
    @ApplicationScoped
    public static class PoolConnections implements AgroalPoolInterceptor {

        private final Set<Connection> open = ConcurrentHashMap.newKeySet();

        @Override
        public void onConnectionCreate(Connection connection) {
            raw(connection, open::add);
        }

        @Override
        public void onConnectionDestroy(Connection connection) {
            raw(connection, open::remove);
        }

        void abortAll() {
            for (Connection connection : open) {
                try {
                    connection.abort(Runnable::run); // closes the socket; the driver sends nothing first
                } catch (SQLException e) {
                    // closed already
                }
            }
        }

        /** Agroal hands interceptors a wrapper that closes when the call returns; the driver's connection stays. */
        private static void raw(Connection wrapper, Consumer<Connection> action) {
            try {
                action.accept(wrapper.unwrap(Connection.class));
            } catch (SQLException e) {
                // not a wrapper of a connection: nothing to keep
            }
        }
    }

    /**
     * {@code @Scheduled(skipExecutionIf = DatabaseBreaker.Open.class)}: skips housekeeping while the database is
     * away, and before the first check at start and once shutdown began (as {@link Scheduled.ApplicationNotRunning}),
     * so a job runs only when it can reach the database and a failure it meets is news worth its log line.
     */
    @Singleton
    public static class Open implements Scheduled.SkipPredicate {

        private final DatabaseBreaker breaker;

        public Open(DatabaseBreaker breaker) {
            this.breaker = breaker;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !breaker.allowsHousekeeping(); // a method: the breaker injected here is a client proxy
        }
    }

    /** Readiness: DOWN while the database is away, from the breaker's state, so the probe itself never waits. */
    @Readiness
    @Singleton
    public static class DatabaseReadiness implements HealthCheck {

        private final DatabaseBreaker breaker;

        public DatabaseReadiness(DatabaseBreaker breaker) {
            this.breaker = breaker;
        }

        @Override
        public HealthCheckResponse call() {
            Outage outage = breaker.outage();
            return outage == null ? HealthCheckResponse.up("database")
                    : HealthCheckResponse.named("database").down().withData("unreachableSince", outage.since().toString()).build();
        }
    }
}
