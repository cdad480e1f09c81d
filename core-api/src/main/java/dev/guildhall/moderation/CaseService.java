package dev.guildhall.moderation;

import dev.guildhall.actions.ActionQueue;
import dev.guildhall.actions.PlatformAction;
import dev.guildhall.audit.AuditLog;
import dev.guildhall.auth.Actor;
import dev.guildhall.platform.Durations;
import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.server.ServerConfig.EscalationStep;
import dev.guildhall.server.ServerInfo;
import dev.guildhall.server.ServerService;
import jakarta.enterprise.context.ApplicationScoped;
import dev.guildhall.platform.observability.DomainCounters;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates and reads cases. Two transaction-level advisory locks in PostgreSQL, taken in this order, make case
 * creation correct on every instance: the member's lock, under which the state checks (already banned, not
 * banned …), the echo of an observed action and the escalation policy's count of warnings see every case of the
 * member committed before; and the server's numbering lock, taken in the same round trip as the insert, so that
 * numbers have no gaps or duplicates. Cases of one server are numbered one at a time, so the numbering lock is held
 * only for the insert and the commit: with every check under it, create-case spent five round trips in it and
 * queued behind it (p99 3.3–3.5× the ceiling's, bench/RESULTS.md runs 21–22).
 */
@ApplicationScoped
public class CaseService {

    /** A case request's outcome; {@code recorded} is false when an observed action matched a case already on file. */
    public record Created(ModCase theCase, ModCase escalation, List<PlatformAction> actions, boolean recorded) {}

    /** How long after a commanded kick or timeout the platform's own report of it is taken to be the same event. */
    static final Duration OBSERVED_MATCH_WINDOW = Duration.ofMinutes(15);

    private final EntityManager em;
    private final AuditLog audit;
    private final ActionQueue queue;
    private final ServerService servers;
    private final DomainCounters counters;
    private final DataSource dataSource;

    public CaseService(EntityManager em, AuditLog audit, ActionQueue queue, ServerService servers, DomainCounters counters,
                       DataSource dataSource) {
        this.counters = counters;
        this.dataSource = dataSource;
        this.em = em;
        this.audit = audit;
        this.queue = queue;
        this.servers = servers;
    }

    /** A moderator's case, or an action the adapter observed on the platform. */
    @Transactional
    public Created create(ServerInfo server, NewCase c, Actor actor) {
        requireModeration(server);
        // an observed action is the platform's report; from a chat user it passes the same checks as a command (DESIGN §9)
        if (!c.observed() || actor != null) Hierarchy.check(actor, c.type(), c.target(), server.owner());
        if (c.observed()) {
            Optional<ModCase> known = alreadyOnFile(server.id(), c);
            if (known.isPresent()) return new Created(known.get(), null, List.of(), false);
        } else {
            checkState(server.id(), c.type(), c.target().user());
        }
        List<Instant> warnings = warningsToEscalate(server, c.type(), c.target().user());
        ModCase created = insert(server.id(), c.type(), c.target().user(), c.moderator(), c.reason(), c.duration(),
                c.type() == CaseType.BAN ? c.deleteMessageDays() : null,
                c.observed() ? "observed" : "command", c.platformRef(), null);
        counters.caseCreated(created.type);
        Created result = withEscalation(server, created, warnings);
        if (c.messageId() == null) return result;
        // the message the case is about goes first
        List<PlatformAction> actions = new ArrayList<>();
        actions.add(PlatformAction.deleteMessage(c.channel(), c.messageId()).forCase(created.number));
        actions.addAll(result.actions());
        return new Created(result.theCase(), result.escalation(), actions, true);
    }

    /** A case the system decides (automod): no permission or hierarchy check, same numbering and escalation. */
    @Transactional
    public Created createAutomatic(ServerInfo server, CaseType type, String target, String reason, Duration duration,
                                   String source) {
        List<Instant> warnings = warningsToEscalate(server, type, target);
        ModCase created = insert(server.id(), type, target, null, reason, duration, null, source, null, null);
        return withEscalation(server, created, warnings);
    }

    /** The case's platform actions, and the escalation a warning brings about; {@code warnings}: see {@link #escalate}. */
    private Created withEscalation(ServerInfo server, ModCase created, List<Instant> warnings) {
        List<PlatformAction> actions = new ArrayList<>(CaseActions.forCase(created, server.name(), server.config().modLogChannel()));
        ModCase escalation = warnings == null ? null : escalate(server, created, warnings);
        if (escalation != null) {
            actions.addAll(CaseActions.forCase(escalation, server.name(), server.config().modLogChannel()));
        }
        return new Created(created, escalation, actions, true);
    }

    /**
     * The member's earlier warnings the server's escalation policy may count, read before a new warning is numbered
     * (under the member's lock, so none is missing); null when no policy applies to the case.
     */
    private List<Instant> warningsToEscalate(ServerInfo server, CaseType type, String target) {
        List<EscalationStep> steps = server.config().escalation();
        if (type != CaseType.WARN || steps.isEmpty()) return null;
        lockMember(server.id(), target);
        return em.createQuery("""
                        select c.createdAt from ModCase c
                        where c.server = :s and c.target = :t and c.type = 'warn' and c.createdAt > :since""", Instant.class)
                .setParameter("s", server.id()).setParameter("t", target)
                .setParameter("since", Instant.now().minus(Escalation.lookBack(steps)))
                .getResultList();
    }

    /** Applies the server's escalation policy after a warning, as an automatic case in the same transaction. */
    private ModCase escalate(ServerInfo server, ModCase warning, List<Instant> earlierWarnings) {
        List<Instant> warnings = new ArrayList<>(earlierWarnings);
        warnings.add(warning.createdAt);
        Optional<EscalationStep> step = Escalation.stepFor(server.config().escalation(), warnings, warning.createdAt);
        if (step.isEmpty()) return null;
        EscalationStep s = step.get();
        CaseType type = CaseType.of(s.action()).orElseThrow();
        Duration duration = s.duration() == null ? null : Durations.parse(s.duration());
        String reason = "Automatic: " + s.warns() + " warning" + (s.warns() == 1 ? "" : "s") + " within "
                + s.withinDays() + " day" + (s.withinDays() == 1 ? "" : "s");
        return insert(server.id(), type, warning.target, null, reason, duration, type == CaseType.BAN ? 0 : null,
                "escalation", null, warning.number);
    }

    /**
     * An observed platform action is recorded once: a report repeated with the same platform id, or
     * the platform's echo of an action Guildhall ordered itself, returns the case on file instead.
     */
    private Optional<ModCase> alreadyOnFile(String server, NewCase c) {
        lockMember(server, c.target().user());
        List<ModCase> byRef = em.createQuery("from ModCase where server = :s and platformRef = :r", ModCase.class)
                .setParameter("s", server).setParameter("r", c.platformRef()).getResultList();
        if (!byRef.isEmpty()) return Optional.of(byRef.get(0));
        ModCase latest = switch (c.type()) {
            // a ban or unban seen while our own latest decision for the member is that very kind of action is its echo
            case BAN, UNBAN -> latestOf(server, c.target().user(), CaseType.BAN, CaseType.UNBAN);
            default -> latestOf(server, c.target().user(), c.type());
        };
        boolean echo = latest != null && latest.caseType() == c.type() && !latest.observed && latest.platformRef == null
                && (c.type() == CaseType.BAN || c.type() == CaseType.UNBAN
                    || latest.createdAt.isAfter(Instant.now().minus(OBSERVED_MATCH_WINDOW)));
        if (!echo) return Optional.empty();
        latest.platformRef = c.platformRef();
        latest.updatedAt = Instant.now();
        audit.record(server, c.moderator(), "case.observed_matched", latest.target,
                Map.of("number", latest.number, "platformRef", c.platformRef()));
        return Optional.of(latest);
    }

    /** 409 when the member's current state makes the action meaningless. */
    private void checkState(String server, CaseType type, String target) {
        if (type == CaseType.WARN || type == CaseType.NOTE) return; // nothing about the member to check
        lockMember(server, target);
        Instant now = Instant.now();
        switch (type) {
            case BAN -> {
                ModCase latest = latestOf(server, target, CaseType.BAN, CaseType.UNBAN);
                if (latest != null && latest.caseType() == CaseType.BAN && latest.expiresAt == null) {
                    throw ProblemException.conflict("already-banned", target + " is already banned permanently (case "
                            + latest.number + ")");
                }
            }
            case UNBAN -> {
                ModCase latest = latestOf(server, target, CaseType.BAN, CaseType.UNBAN);
                if (latest != null && latest.caseType() == CaseType.UNBAN) {
                    throw ProblemException.conflict("not-banned", target + " is not banned (unbanned in case " + latest.number + ")");
                }
            }
            case UNTIMEOUT -> {
                ModCase latest = latestOf(server, target, CaseType.TIMEOUT, CaseType.UNTIMEOUT);
                if (latest != null && (latest.caseType() == CaseType.UNTIMEOUT
                        || latest.expiresAt != null && !latest.expiresAt.isAfter(now))) {
                    throw ProblemException.conflict("not-timed-out", target + " is not timed out");
                }
            }
            case KICK, TIMEOUT -> {
                ModCase latest = latestOf(server, target, CaseType.BAN, CaseType.UNBAN);
                if (latest != null && latest.caseType() == CaseType.BAN
                        && (latest.expiresAt == null || latest.expiresAt.isAfter(now))) {
                    throw ProblemException.conflict("target-banned", target + " is banned (case " + latest.number
                            + "), so they cannot be " + type.pastTense());
                }
            }
            default -> { }
        }
    }

    private ModCase latestOf(String server, String target, CaseType... types) {
        List<String> names = java.util.Arrays.stream(types).map(CaseType::value).toList();
        List<ModCase> rows = em.createQuery("""
                        from ModCase where server = :s and target = :t and type in :types order by number desc""", ModCase.class)
                .setParameter("s", server).setParameter("t", target).setParameter("types", names)
                .setMaxResults(1).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The advisory-lock namespace of case numbering (the first key of {@code pg_advisory_xact_lock}). */
    private static final int CASE_LOCK = 7301;
    /** The seed of a member lock's key (the second argument of {@code hashtextextended}). */
    private static final int MEMBER_LOCK = 7302;

    /**
     * Takes the member's lock until the transaction ends (a one-key advisory lock: a key space of its own, apart from
     * the numbering lock's two keys), before anything reads the member's earlier cases: state checks, the echo of
     * an observed action, the warnings an escalation policy counts. A warning on a server without a policy, or a
     * note, reads nothing and takes no lock. Members whose keys collide only wait for each other.
     */
    private void lockMember(String server, String target) {
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:m, :seed))")
                .setParameter("m", server + " " + target).setParameter("seed", MEMBER_LOCK).getSingleResult();
    }

    /**
     * The numbering lock, then the case with the next number and its audit entry: two statements sent in one round
     * trip. The number is read in a statement of its own, after the lock is granted, so it sees every case committed
     * before; a transaction holding the lock already (a warning's escalation) takes it again at once. Why a lock and
     * the highest number on file, not a counter row: every case rewrote that one row (twice), and with cases arriving
     * faster than the page could be pruned, PostgreSQL walked ever longer chains of its dead versions — create-case
     * was bound by PostgreSQL's CPU (bench/RESULTS.md, run 8).
     */
    private static final String NUMBER_AND_INSERT = """
            select 1 from pg_advisory_xact_lock(?, hashtext(?));
            with n as (select coalesce(max(number), 0) + 1 as number from mod_case where server = ?),
            c as (insert into mod_case (server, number, type, target, moderator, reason, automatic, observed, source,
                                        duration_seconds, delete_message_days, expires_at, expiry_handled, platform_ref,
                                        escalated_from, version, created_at, updated_at)
                  select ?, n.number, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ? from n
                  returning number),
            a as (%s)
            select number from c""".formatted(AuditLog.insertOneSql("jsonb_build_object('number', c.number)", "c"));

    private ModCase insert(String server, CaseType type, String target, String moderator, String reason,
                           Duration duration, Integer deleteMessageDays, String source, String platformRef,
                           Integer escalatedFrom) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps, so views match reads
        ModCase c = new ModCase();
        c.server = server;
        c.type = type.value();
        c.target = target;
        c.moderator = moderator;
        c.reason = reason;
        c.automatic = moderator == null && !"observed".equals(source);
        c.observed = "observed".equals(source);
        c.source = source;
        c.durationSeconds = duration == null ? null : duration.getSeconds();
        c.deleteMessageDays = deleteMessageDays;
        c.expiresAt = duration == null ? null : now.plus(duration);
        // an observed temp ban is the platform's business; Guildhall only lifts the bans it ordered
        c.expiryHandled = c.observed;
        c.platformRef = platformRef;
        c.escalatedFrom = escalatedFrom;
        c.version = 1;
        c.createdAt = now;
        c.updatedAt = now;
        Map<String, Object> details = new LinkedHashMap<>(); // the number is added by the statement
        details.put("type", c.type);
        details.put("source", source);
        if (reason != null) details.put("reason", reason);
        if (duration != null) details.put("duration", Durations.format(duration));
        if (escalatedFrom != null) details.put("escalatedFrom", escalatedFrom);
        if (platformRef != null) details.put("platformRef", platformRef);
        AuditLog.Entry entry = audit.entry(server, moderator, "case." + c.type, target, details);
        // the transaction's own connection (Agroal hands it out again inside a transaction)
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(NUMBER_AND_INSERT)) {
            int i = 1;
            ps.setInt(i++, CASE_LOCK);
            ps.setString(i++, server);
            ps.setString(i++, server);
            ps.setString(i++, c.server);
            ps.setString(i++, c.type);
            ps.setString(i++, c.target);
            ps.setString(i++, c.moderator);
            ps.setString(i++, c.reason);
            ps.setBoolean(i++, c.automatic);
            ps.setBoolean(i++, c.observed);
            ps.setString(i++, c.source);
            ps.setObject(i++, c.durationSeconds, Types.BIGINT);
            ps.setObject(i++, c.deleteMessageDays, Types.INTEGER);
            ps.setObject(i++, c.expiresAt == null ? null : c.expiresAt.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setBoolean(i++, c.expiryHandled);
            ps.setString(i++, c.platformRef);
            ps.setObject(i++, c.escalatedFrom, Types.INTEGER);
            ps.setObject(i++, now.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(i++, now.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            AuditLog.bind(ps, i, entry);
            ps.execute(); // the lock's row
            if (!ps.getMoreResults()) throw new IllegalStateException("the case insert returned no number");
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                c.number = rs.getInt(1);
            }
        } catch (SQLException ex) {
            throw new PersistenceException("could not create a case on " + server, ex);
        }
        return c;
    }

    /**
     * Lifts one due temporary ban, unless a later ban or unban of the member superseded it: then the
     * expiry does nothing. Takes the member's lock first (the order of case creation, so no deadlock),
     * then the ban row with SKIP LOCKED; a concurrent sweeper finds it handled and skips it.
     */
    @Transactional
    public boolean expire(String server, int number) {
        @SuppressWarnings("unchecked")
        List<String> member = em.createNativeQuery("select target from mod_case where server = :s and number = :n")
                .setParameter("s", server).setParameter("n", number).getResultList();
        if (member.isEmpty()) return false;
        lockMember(server, member.get(0));
        @SuppressWarnings("unchecked")
        List<ModCase> rows = em.createNativeQuery("""
                        select * from mod_case where server = :s and number = :n and type = 'ban'
                          and not expiry_handled and expires_at <= :now
                        for update skip locked""", ModCase.class)
                .setParameter("s", server).setParameter("n", number).setParameter("now", Instant.now())
                .getResultList();
        if (rows.isEmpty()) return false;
        ModCase ban = rows.get(0);
        ban.expiryHandled = true;
        ModCase latest = latestOf(server, ban.target, CaseType.BAN, CaseType.UNBAN);
        if (latest == null || latest.number != ban.number) {
            audit.record(server, null, "case.expiry_superseded", ban.target,
                    Map.of("number", ban.number, "supersededBy", latest == null ? 0 : latest.number));
            return false;
        }
        ModCase unban = insert(server, CaseType.UNBAN, ban.target, null,
                "Temporary ban expired (case " + ban.number + ")", null, null, "expiry", null, null);
        Optional<ServerInfo> info = servers.find(server);
        List<PlatformAction> actions = CaseActions.forCase(unban, info.map(ServerInfo::name).orElse(server),
                info.map(s -> s.config().modLogChannel()).orElse(null));
        for (PlatformAction a : actions) queue.enqueue(server, unban.number, a, Instant.now());
        return true;
    }

    /** Due temporary bans, oldest first: candidates for {@link #expire}. */
    @Transactional
    public List<ModCase.Key> dueBans(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select server, number from mod_case
                        where type = 'ban' and expires_at is not null and not expiry_handled and expires_at <= :now
                        order by expires_at limit :limit""")
                .setParameter("now", Instant.now()).setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new ModCase.Key((String) r[0], ((Number) r[1]).intValue())).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ModCase> find(String server, int number) {
        return Optional.ofNullable(em.find(ModCase.class, new ModCase.Key(server, number)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CaseReasonEdit> edits(String server, int number) {
        return em.createQuery("from CaseReasonEdit where server = :s and number = :n order by id", CaseReasonEdit.class)
                .setParameter("s", server).setParameter("n", number).getResultList();
    }

    /** Newest first; filters are optional. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ModCase> list(String server, String target, CaseType type, String moderator, PageRequest page) {
        String after = page.afterText("n");
        Integer before = null;
        if (after != null) {
            try {
                before = Integer.parseInt(after);
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
            }
        }
        StringBuilder q = new StringBuilder("from ModCase where server = :s");
        if (target != null) q.append(" and target = :t");
        if (type != null) q.append(" and type = :ty");
        if (moderator != null) q.append(" and moderator = :m");
        if (before != null) q.append(" and number < :before");
        q.append(" order by number desc");
        var query = em.createQuery(q.toString(), ModCase.class).setParameter("s", server);
        if (target != null) query.setParameter("t", target);
        if (type != null) query.setParameter("ty", type.value());
        if (moderator != null) query.setParameter("m", moderator);
        if (before != null) query.setParameter("before", before);
        List<ModCase> rows = query.setMaxResults(page.limit() + 1).getResultList();
        return page.page(rows, c -> c, c -> PageRequest.position().put("n", c.number));
    }

    /**
     * Changes a case's reason and keeps the old one with who changed it and when. Two moderators
     * editing at once are serialised by the row lock and both edits stay in the history; one who
     * sends the {@code version} they saw gets 409 if someone else changed it since.
     */
    @Transactional
    public ModCase editReason(ServerInfo server, int number, String reason, Integer expectedVersion, Actor actor) {
        ModCase c = em.find(ModCase.class, new ModCase.Key(server.id(), number), LockModeType.PESSIMISTIC_WRITE);
        if (c == null) throw ProblemException.notFound("Server " + server.id() + " has no case " + number);
        if (!actor.has(c.caseType().permission())) {
            throw ProblemException.forbidden("You need the " + c.caseType().permission() + " permission to edit a "
                    + c.type + " case");
        }
        if (expectedVersion != null && expectedVersion != c.version) {
            throw ProblemException.conflict("case-changed", "Case " + number + " is at version " + c.version
                    + ", not " + expectedVersion + "; someone changed it meanwhile — reload and try again");
        }
        if (reason.equals(c.reason)) return c;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CaseReasonEdit edit = new CaseReasonEdit();
        edit.server = server.id();
        edit.number = number;
        edit.editor = actor.id();
        edit.before = c.reason;
        edit.after = reason;
        edit.editedAt = now;
        em.persist(edit);
        audit.record(server.id(), actor.id(), "case.reason_edited", c.target,
                mapOf("number", number, "before", c.reason, "after", reason));
        c.reason = reason;
        c.version++;
        c.updatedAt = now;
        return c;
    }

    private static void requireModeration(ServerInfo server) {
        if (!server.config().features().moderation()) {
            throw ProblemException.unprocessable("moderation-disabled",
                    "Moderation is turned off for " + server.id() + " (config features.moderation)");
        }
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
