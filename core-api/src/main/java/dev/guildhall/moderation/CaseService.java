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
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates and reads cases. Every case creation first takes the server's case lock (a transaction-level
 * advisory lock in PostgreSQL), so within a server cases are decided one at a time on every instance:
 * numbers have no gaps or duplicates, and state checks (already banned, not banned …) see every case
 * committed before.
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

    public CaseService(EntityManager em, AuditLog audit, ActionQueue queue, ServerService servers, DomainCounters counters) {
        this.counters = counters;
        this.em = em;
        this.audit = audit;
        this.queue = queue;
        this.servers = servers;
    }

    /** A moderator's case, or an action the adapter observed on the platform. */
    @Transactional
    public Created create(ServerInfo server, NewCase c, Actor actor) {
        requireModeration(server);
        if (!c.observed()) Hierarchy.check(actor, c.type(), c.target(), server.owner());
        int number = lockNumbers(server.id());
        if (c.observed()) {
            Optional<ModCase> known = alreadyOnFile(server.id(), c);
            if (known.isPresent()) return new Created(known.get(), null, List.of(), false);
        } else {
            checkState(server.id(), c.type(), c.target().user());
        }
        ModCase created = insert(server.id(), number, c.type(), c.target().user(), c.moderator(), c.reason(), c.duration(),
                c.type() == CaseType.BAN ? c.deleteMessageDays() : null,
                c.observed() ? "observed" : "command", c.platformRef(), null);
        counters.caseCreated(created.type);
        Created result = withEscalation(server, created);
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
        ModCase created = insert(server.id(), lockNumbers(server.id()), type, target, null, reason, duration, null, source,
                null, null);
        return withEscalation(server, created);
    }

    private Created withEscalation(ServerInfo server, ModCase created) {
        List<PlatformAction> actions = new ArrayList<>(CaseActions.forCase(created, server.name(), server.config().modLogChannel()));
        ModCase escalation = created.caseType() == CaseType.WARN ? escalate(server, created) : null;
        if (escalation != null) {
            actions.addAll(CaseActions.forCase(escalation, server.name(), server.config().modLogChannel()));
        }
        return new Created(created, escalation, actions, true);
    }

    /** Applies the server's escalation policy after a warning, as an automatic case in the same transaction. */
    private ModCase escalate(ServerInfo server, ModCase warning) {
        List<EscalationStep> steps = server.config().escalation();
        if (steps.isEmpty()) return null;
        Instant now = warning.createdAt;
        List<Instant> warnings = em.createQuery("""
                        select c.createdAt from ModCase c
                        where c.server = :s and c.target = :t and c.type = 'warn' and c.createdAt > :since""", Instant.class)
                .setParameter("s", server.id()).setParameter("t", warning.target)
                .setParameter("since", now.minus(Escalation.lookBack(steps)))
                .getResultList();
        Optional<EscalationStep> step = Escalation.stepFor(steps, warnings, now);
        if (step.isEmpty()) return null;
        EscalationStep s = step.get();
        CaseType type = CaseType.of(s.action()).orElseThrow();
        Duration duration = s.duration() == null ? null : Durations.parse(s.duration());
        String reason = "Automatic: " + s.warns() + " warning" + (s.warns() == 1 ? "" : "s") + " within "
                + s.withinDays() + " day" + (s.withinDays() == 1 ? "" : "s");
        // the case lock is still held: the next number is the warning's plus one
        return insert(server.id(), warning.number + 1, type, warning.target, null, reason, duration, type == CaseType.BAN ? 0 : null,
                "escalation", null, warning.number);
    }

    /**
     * An observed platform action is recorded once: a report repeated with the same platform id, or
     * the platform's echo of an action Guildhall ordered itself, returns the case on file instead.
     */
    private Optional<ModCase> alreadyOnFile(String server, NewCase c) {
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

    /**
     * Takes the server's case lock until the transaction ends and answers the next free number. Why an
     * advisory lock and the highest number on file, not a counter row: every case rewrote that one row
     * (twice), and with cases arriving faster than the page could be pruned, PostgreSQL walked ever longer
     * chains of its dead versions — create-case was bound by PostgreSQL's CPU (bench/RESULTS.md, run 8).
     * The number is read in a statement of its own, after the lock is granted, so it sees every case
     * committed before.
     */
    private int lockNumbers(String server) {
        em.createNativeQuery("select 1 from pg_advisory_xact_lock(:ns, hashtext(:s))")
                .setParameter("ns", CASE_LOCK).setParameter("s", server).getSingleResult();
        // ordered by the primary key (server, number), so whatever the statistics say, this is one index probe
        @SuppressWarnings("unchecked")
        List<Number> highest = em.createNativeQuery("select number from mod_case where server = :s order by number desc limit 1")
                .setParameter("s", server).getResultList();
        return highest.isEmpty() ? 1 : highest.get(0).intValue() + 1;
    }

    private ModCase insert(String server, int number, CaseType type, String target, String moderator, String reason,
                           Duration duration, Integer deleteMessageDays, String source, String platformRef,
                           Integer escalatedFrom) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps, so views match reads
        ModCase c = new ModCase();
        c.server = server;
        c.number = number;
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
        em.persist(c);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("number", number);
        details.put("type", c.type);
        details.put("source", source);
        if (reason != null) details.put("reason", reason);
        if (duration != null) details.put("duration", Durations.format(duration));
        if (escalatedFrom != null) details.put("escalatedFrom", escalatedFrom);
        if (platformRef != null) details.put("platformRef", platformRef);
        audit.record(server, moderator, "case." + c.type, target, details);
        return c;
    }

    /**
     * Lifts one due temporary ban, unless a later ban or unban of the member superseded it: then the
     * expiry does nothing. Takes the case lock first (the same order as case creation, so no
     * deadlock), then the ban row with SKIP LOCKED; a concurrent sweeper finds it handled and skips it.
     */
    @Transactional
    public boolean expire(String server, int number) {
        int next = lockNumbers(server);
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
        ModCase unban = insert(server, next, CaseType.UNBAN, ban.target, null,
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
