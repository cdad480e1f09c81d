package dev.guildhall.game;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.audit.AuditLog;
import dev.guildhall.auth.Actor;
import dev.guildhall.auth.Caller;
import dev.guildhall.auth.Permission;
import dev.guildhall.auth.Scope;
import dev.guildhall.platform.CommitOrder;
import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.platform.observability.DomainCounters;
import dev.guildhall.server.ServerInfo;
import dev.guildhall.server.ServerService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Owns the war transactions: load and lock the row, let {@link War} decide, write it back, and settle
 * ratings in the same transaction when a war finishes. Every change locks the war row first
 * ({@code SELECT … FOR UPDATE}), so two players acting at once are simply serialised.
 */
@ApplicationScoped
public class WarService {

    static final TypeReference<List<War.Side>> SIDES = new TypeReference<>() {};
    static final TypeReference<List<War.Round>> ROUNDS = new TypeReference<>() {};
    static final TypeReference<List<War.RatingChange>> CHANGES = new TypeReference<>() {};
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A change to a war, decided by the domain object for this actor. */
    @FunctionalInterface
    public interface Action {
        void apply(War war, Actor actor, Instant now);
    }

    private final EntityManager em;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final ServerService servers;
    private final Ratings ratings;
    private final AuditLog audit;
    private final Caller caller;
    private final DomainCounters counters;

    public WarService(EntityManager em, DataSource dataSource, ObjectMapper json, ServerService servers, Ratings ratings,
                      AuditLog audit, Caller caller, DomainCounters counters) {
        this.counters = counters;
        this.em = em;
        this.dataSource = dataSource;
        this.json = json;
        this.servers = servers;
        this.ratings = ratings;
        this.audit = audit;
        this.caller = caller;
    }

    /**
     * Creates a war: rule checks, the creator's cooldown (when configured) and one insert. Why plain JDBC:
     * this is the hottest write, and one autocommit statement is a single round trip to PostgreSQL, where
     * the ORM's persist inside a transaction of its own costs an insert, a commit and the flush machinery
     * (half of create-war's CPU in bench/RESULTS.md, run 8). Inside a caller's transaction (an idempotent
     * request) the statements join it: Agroal hands out the transaction's own connection.
     */
    public War create(String server, Actor actor, String game, String format, String duration, List<List<String>> sides) {
        ServerInfo info = servers.require(server);
        if (!info.config().features().wars()) {
            throw ProblemException.unprocessable("wars-disabled", "Wars are switched off on this server");
        }
        War war = War.create(newId(), server, actor.id(), now(), game, format, duration, sides);
        Duration cooldown = info.config().cooldowns().warCreateDuration();
        if (cooldown == null) {
            insert(war);
        } else {
            // the claim and the war commit together: a failed insert leaves no cooldown behind
            QuarkusTransaction.joiningExisting().run(() -> {
                claimCooldown(server, actor.id(), cooldown);
                insert(war);
            });
        }
        counters.warCreated();
        return war;
    }

    private void insert(War war) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into war (id, server, game, wins_needed, status, created_by, created_at, expires_at, players,
                                 sides, rounds, rating_changes)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)""")) {
            ps.setObject(1, war.id());
            ps.setString(2, war.server());
            ps.setString(3, war.game());
            ps.setInt(4, war.winsNeeded());
            ps.setString(5, war.status().name());
            ps.setString(6, war.createdBy());
            ps.setObject(7, war.createdAt().atOffset(ZoneOffset.UTC));
            ps.setObject(8, war.expiresAt().atOffset(ZoneOffset.UTC));
            ps.setArray(9, c.createArrayOf("text", war.players().toArray()));
            ps.setString(10, json.writeValueAsString(war.sides()));
            ps.setString(11, json.writeValueAsString(war.rounds()));
            ps.setString(12, json.writeValueAsString(war.ratingChanges()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not insert war " + war.id(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One query by primary key. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public War get(String id) {
        WarEntity row = em.find(WarEntity.class, parseId(id));
        if (row == null) throw notFound(id);
        caller.requireRead(row.server, Scope.WARS_READ);
        return read(row);
    }

    /**
     * Applies {@code action} to the locked war. Refusals roll everything back; a war that finishes here
     * gets its rating changes in this same transaction, and the row lock makes that happen once.
     */
    @Transactional
    public War change(String id, String event, Action action) {
        return change(id, event, Map.of(), action);
    }

    /** As {@link #change(String, String, Action)}, adding {@code extra} to the audit entry's details. */
    @Transactional
    public War change(String id, String event, Map<String, ?> extra, Action action) {
        WarEntity row = em.find(WarEntity.class, parseId(id), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) throw notFound(id);
        caller.requireWrite(row.server);
        Actor actor = caller.requireActor();
        War war = read(row);
        War.Status before = war.status();
        action.apply(war, actor, now());
        if (war.status() == War.Status.FINISHED && before != War.Status.FINISHED) {
            war.settleRatings(ratings.settle(war));
            counters.warFinished();
        }
        write(war, row);
        // final outcomes are always audited; open-state events (a dispute, a resolved round) when named
        String audited = war.status() != before && !war.status().open()
                ? "war." + war.status().name().toLowerCase(Locale.ROOT) : event;
        if (audited != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", war.status());
            details.putAll(extra);
            if (!war.ratingChanges().isEmpty()) details.put("ratingChanges", war.ratingChanges());
            audit.record(war.server(), actor.id(), audited, war.id().toString(), details);
        }
        return war;
    }

    public static boolean isManager(Actor actor) {
        return actor.has(Permission.MANAGE_SERVER);
    }

    /** Wars of a server, newest first (in commit order: {@link CommitOrder}), optionally only one status, game or player. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<War> list(String server, War.Status status, String game, String player, PageRequest page) {
        StringBuilder sql = new StringBuilder("select w.*, " + CommitOrder.TX + " from war w where server = :server and "
                + CommitOrder.SETTLED);
        Map<String, Object> params = new HashMap<>();
        params.put("server", server);
        if (status == War.Status.EXPIRED) {
            // include open wars past their deadline that the sweeper has not reached yet, as GET shows them
            sql.append(" and (status = 'EXPIRED' or (status in ('PENDING','ACTIVE','DISPUTED') and expires_at <= now()))");
        } else if (status != null) {
            sql.append(" and status = :status");
            params.put("status", status.name());
            if (status.open()) sql.append(" and expires_at > now()");
        }
        if (game != null) {
            sql.append(" and game = :game");
            params.put("game", game);
        }
        if (player != null) {
            sql.append(" and players @> array[cast(:player as text)]");
            params.put("player", player);
        }
        String afterTx = CommitOrder.cursorTx(page);
        if (afterTx != null) {
            sql.append(" and ").append(CommitOrder.AFTER_CURSOR);
            params.put("cursorTx", afterTx);
            params.put("cursorId", cursorId(page.afterText("id")));
        }
        sql.append(" order by ").append(CommitOrder.NEWEST_FIRST);
        CommitOrder.awaitEarlierCommits(em);
        Query q = em.createNativeQuery(sql.toString(), WarEntity.WITH_TX);
        params.forEach(q::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.setMaxResults(page.limit() + 1).getResultList();
        return page.page(rows, r -> read((WarEntity) r[0]), r -> PageRequest.position()
                .put(CommitOrder.CURSOR_TX, (String) r[1]).put("id", ((WarEntity) r[0]).id.toString()));
    }

    /** The latest wars of one player on a server, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<War> recent(String server, String player, int limit) {
        @SuppressWarnings("unchecked")
        List<WarEntity> rows = em.createNativeQuery("""
                select * from war where server = :server and players @> array[cast(:player as text)]
                order by id desc""", WarEntity.class)
                .setParameter("server", server).setParameter("player", player)
                .setMaxResults(limit).getResultList();
        return rows.stream().map(this::read).toList();
    }

    /**
     * One statement: insert the cooldown, or move it forward only if the previous one has ended.
     * No row changed means the player is still cooling down; the transaction's other work rolls back with the 429.
     */
    private void claimCooldown(String server, String user, Duration cooldown) {
        int claimed = em.createNativeQuery("""
                insert into war_cooldown as c (server, user_id, until)
                values (:server, :user, clock_timestamp() + make_interval(secs => :secs))
                on conflict (server, user_id) do update set until = excluded.until
                where c.until <= clock_timestamp()""")
                .setParameter("server", server).setParameter("user", user)
                .setParameter("secs", (double) cooldown.toSeconds())
                .executeUpdate();
        if (claimed == 0) {
            Number wait = (Number) em.createNativeQuery("""
                    select ceil(extract(epoch from until - clock_timestamp())) from war_cooldown
                    where server = :server and user_id = :user""")
                    .setParameter("server", server).setParameter("user", user).getSingleResult();
            long seconds = Math.max(1, wait == null ? 1 : wait.longValue());
            throw ProblemException.tooManyRequests("cooldown", "You can create another war in " + seconds
                    + "s (this server allows one war creation per " + dev.guildhall.platform.Durations.format(cooldown) + ")", seconds);
        }
    }

    // ---- mapping -----------------------------------------------------------------------------

    War read(WarEntity r) {
        try {
            return new War(r.id, r.server, r.game, r.winsNeeded, r.createdBy, r.createdAt, r.expiresAt,
                    War.Status.valueOf(r.status), json.readValue(r.sides, SIDES), json.readValue(r.rounds, ROUNDS),
                    r.winner, json.readValue(r.ratingChanges, CHANGES), r.endedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored war " + r.id + " is unreadable", e);
        }
    }

    private void write(War war, WarEntity r) {
        r.server = war.server();
        r.game = war.game();
        r.winsNeeded = war.winsNeeded();
        r.status = war.status().name();
        r.createdBy = war.createdBy();
        r.createdAt = war.createdAt();
        r.expiresAt = war.expiresAt();
        r.endedAt = war.endedAt();
        r.players = war.players().toArray(String[]::new);
        r.winner = war.winner();
        try {
            r.sides = json.writeValueAsString(war.sides());
            r.rounds = json.writeValueAsString(war.rounds());
            r.ratingChanges = json.writeValueAsString(war.ratingChanges());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Milliseconds: what PostgreSQL and JSON keep, so a war reads back exactly as it was answered. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A UUIDv7: time-ordered, so ids sort by creation and lists can page by id alone. */
    static UUID newId() {
        long ms = System.currentTimeMillis();
        long msb = (ms << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** A malformed id is just an unknown war. */
    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw notFound(id);
        }
    }

    private static UUID cursorId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
        }
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No war " + id);
    }
}
