package dev.guildhall.automod;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.guildhall.platform.observability.DomainCounters;
import dev.guildhall.actions.PlatformAction;
import dev.guildhall.actions.PlatformAction.Field;
import dev.guildhall.actions.PlatformAction.LogMessage;
import dev.guildhall.audit.AuditLog;
import dev.guildhall.moderation.CaseService;
import dev.guildhall.moderation.CaseType;
import dev.guildhall.platform.Durations;
import dev.guildhall.platform.Grouping;
import dev.guildhall.platform.Idempotency;
import dev.guildhall.platform.Offload;
import dev.guildhall.server.ServerConfig.Automod;
import dev.guildhall.server.ServerInfo;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The automod verdict for one message. A server without automod is answered from the cached config
 * with no query; otherwise the content rules run on rules compiled once per config and the spam windows
 * count in memory ({@link SpamWindows} shares them in batches), so judging a message touches no database
 * and only a hit writes anything.
 */
@ApplicationScoped
public class AutomodService {

    public record Verdict(String verdict, String rule, String reason, Integer caseNumber, List<PlatformAction> actions) {
        static final Verdict ALLOW = new Verdict("allow", null, null, null, List.of());
    }

    private final SpamWindows windows;
    private final CaseService cases;
    private final AuditLog audit;
    // keyed by the config's value: a reloaded but unchanged config finds its compiled rules again
    private final DomainCounters counters;
    /**
     * Weighed by what the compiled rules hold (regex instructions, banned words): unweighed, 2,000 configs of costly
     * regexes held 1.25 GB. 500,000 is at least 50 configs at the regex budget, and thousands of ordinary ones.
     */
    private final Cache<Automod, AutomodRules> compiled = Caffeine.newBuilder().maximumWeight(500_000)
            .weigher((Automod config, AutomodRules rules) -> rules.weight()).build();
    /** Texts too costly for the event loop are judged here: a few threads of their own, never the shared workers. */
    private final WorkerExecutor judges;
    private final Idempotency idempotency;
    private final Grouping<Recorded, Idempotency.Stored> records;

    public AutomodService(SpamWindows windows, CaseService cases, AuditLog audit, DomainCounters counters,
                          Idempotency idempotency, DataSource dataSource, Tracer tracer, Vertx vertx) {
        this.judges = vertx.createSharedWorkerExecutor("automod-judge", Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.counters = counters;
        this.windows = windows;
        this.cases = cases;
        this.audit = audit;
        this.idempotency = idempotency;
        this.records = new Grouping<>("automod-verdict-records", dataSource, tracer, AutomodService::record);
    }

    /**
     * Texts up to Discord's longest message are judged on the event loop when their regexes are cheap enough; the
     * rules are linear in the text, and a longer one (Slack's, up to 40,000 characters) goes to a judge thread so that
     * it holds up no other request.
     */
    static final int JUDGED_ON_EVENT_LOOP = 4_000;
    /**
     * The most regex steps (instructions times characters, RegexBudget) a text may cost to be judged on the event
     * loop: about 10 ns a step at worst, so at most a few milliseconds there.
     */
    static final long EVENT_LOOP_STEPS = 500_000;
    /** How long a judge thread lets the regexes run on one text; past it they are left out of its verdict. */
    static final long REGEX_BUDGET_NANOS = 100_000_000;

    /**
     * The answer to one message check, from the event loop. The early exit (DESIGN §6): where automod cannot act
     * (off, or an exempt author or channel) the answer is allow and nothing changes, so there is nothing for an
     * Idempotency-Key to replay either. Every chat message of every server comes here, so the cheap paths stay on
     * the event loop: with the server cached, a message automod cannot act on is answered there, and so is one it
     * judges and allows (rules and spam windows are in memory), and so is a deletion, once its audit entry is stored
     * with the others of the moment. A check with an Idempotency-Key ({@code keyed}, null without one, asked for
     * only where automod can act) claims its record before it is judged, with the claims of the moment: only the
     * check holding the claim is judged and counted in the spam windows, so a retry or a twin sent at the same moment
     * to any instance never counts the message again; it gets the first one's answer. The answer is stored into the
     * claimed record with the others of the moment. A worker thread takes what must wait for
     * the database in a transaction — a warn or timeout, which opens a case — and texts too long to judge without
     * holding the event loop.
     */
    public Uni<Response> decide(ServerInfo server, String author, String messageId, AutomodRules.Message message,
                                Supplier<Idempotency.Request> keyed, Function<Verdict, Response> answer) {
        if (keyed != null && canAct(server, message)) {
            Idempotency.Request request = keyed.get();
            return idempotency.claim(request).flatMap(replay -> replay != null ? Uni.createFrom().item(replay)
                    : judged(server, author, messageId, message).flatMap(j -> verdictOnce(j, request, answer))
                            .onFailure().call(() -> idempotency.release(request)));
        }
        // where automod cannot act, judging returns at once without reading the text
        return judged(server, author, messageId, message).flatMap(this::verdict).map(answer);
    }

    /**
     * The judgement: on the event loop, or on a judge thread, with a time budget for the regexes, for a text too long
     * or whose regexes are too costly to judge there (DESIGN §9: one tenant's rules never slow another tenant).
     */
    private Uni<Judgement> judged(ServerInfo server, String author, String messageId, AutomodRules.Message message) {
        AutomodRules rules = actingRules(server.config().automod(), message);
        int length = message.content().length();
        if (rules != null && (length > JUDGED_ON_EVENT_LOOP || rules.worstSteps(length) > EVENT_LOOP_STEPS)) {
            return Uni.createFrom().completionStage(judges.<Judgement>executeBlocking(() -> judge(server, author,
                    messageId, message, System.nanoTime() + REGEX_BUDGET_NANOS), false).toCompletionStage());
        }
        return Uni.createFrom().item(() -> judge(server, author, messageId, message, 0));
    }

    /** Whether automod can do anything with this message at all: not when it is off, or for an exempt author or channel. */
    private boolean canAct(ServerInfo server, AutomodRules.Message message) {
        return actingRules(server.config().automod(), message) != null;
    }

    /** The compiled rules where automod can act on this message; null when it is off or the author or channel is exempt. */
    private AutomodRules actingRules(Automod config, AutomodRules.Message message) {
        if (!config.enabled()) return null;
        AutomodRules rules = compiled.get(config, AutomodRules::new);
        return rules.exempt(message) ? null : rules;
    }

    /**
     * What the rules make of a message that automod may act on: the content rules and the shared spam windows,
     * all in memory, so it is safe on the event loop. Nothing is written yet: {@link #verdict} enforces a hit.
     */
    public record Judgement(ServerInfo server, String author, String messageId, AutomodRules.Message message,
                            AutomodRules.Hit hit) {
        /** Whether the verdict writes something: an audit entry or a case. */
        public boolean acts() {
            return hit != null;
        }
    }

    /** {@code deadline}: System.nanoTime past which the regexes stop, or 0 for none (a text cheap to judge). */
    private Judgement judge(ServerInfo server, String author, String messageId, AutomodRules.Message message,
                            long deadline) {
        Automod config = server.config().automod();
        AutomodRules rules = actingRules(config, message);
        if (rules == null) return new Judgement(server, author, messageId, message, null);
        AutomodRules.Text text = new AutomodRules.Text(message.content(), deadline);
        Optional<AutomodRules.Hit> hit;
        try {
            hit = rules.content(message, text);
        } catch (AutomodRules.OverBudget e) {
            // the regexes come last: every other content rule has passed the text; it is judged without them
            counters.automodOverBudget();
            hit = Optional.empty();
        }
        if (rules.countsMessages()) {
            // every message counts toward the rate, also one already caught by a content rule
            SpamWindows.Counts counts = windows.record(server.id(), author, text.hash(),
                    config.duplicateLimit(), config.rateLimit());
            if (hit.isEmpty()) hit = rules.spam(counts.duplicates(), counts.messages());
        }
        return new Judgement(server, author, messageId, message, hit.orElse(null));
    }

    /**
     * The verdict on a judgement, counted, without blocking: an allowed message at once; a deletion once its audit
     * entry is stored, together with the others of the moment ({@link AuditLog#appendAlone}), with no thread
     * waiting for it; a warn or timeout on a worker thread, where the case service's transaction runs.
     */
    private Uni<Verdict> verdict(Judgement judgement) {
        if (!judgement.acts()) return Uni.createFrom().item(counted(Verdict.ALLOW));
        Deletion deletion = deletion(judgement);
        if (deletion == null) return Offload.blocking(() -> counted(openCase(judgement)));
        return Uni.createFrom().completionStage(audit.appendAlone(judgement.server().id(), null, "automod.delete",
                        judgement.author(), deletion.auditDetails()))
                .map(stored -> counted(deletion.verdict()));
    }

    /**
     * The verdict on a judgement made under an Idempotency-Key (both adapters send one with every message), stored in
     * the record the check claimed, so that the check repeated is answered the same and does nothing again. An allowed
     * message or a deletion is stored with the verdicts of the moment, a deletion together with its audit entry, in
     * one transaction ({@link Idempotency#settleAll}): no thread waits, and the answer leaves once it is committed. A
     * warn or timeout opens its case on a worker thread in the transaction that stores its answer. Where another
     * check took an abandoned claim over and answered first, that answer is given.
     */
    private Uni<Response> verdictOnce(Judgement judgement, Idempotency.Request request, Function<Verdict, Response> answer) {
        Deletion deletion = judgement.acts() ? deletion(judgement) : null;
        if (judgement.acts() && deletion == null) {
            return Offload.blocking(() -> idempotency.settle(request, () -> answer.apply(counted(openCase(judgement)))));
        }
        Verdict verdict = deletion == null ? Verdict.ALLOW : deletion.verdict();
        Response response = answer.apply(verdict);
        AuditLog.Entry entry = deletion == null ? null
                : audit.entry(judgement.server().id(), null, "automod.delete", judgement.author(), deletion.auditDetails());
        return Uni.createFrom().completionStage(records.submit(new Recorded(idempotency.answer(request, response), entry)))
                .map(twins -> {
                    if (twins != null) return idempotency.replay(request, twins);
                    counted(verdict);
                    return response;
                });
    }

    /** A verdict to store, and the audit entry that goes with it when it is stored (not when another was first). */
    private record Recorded(Idempotency.Answer answer, AuditLog.Entry audit) {}

    private static List<Idempotency.Stored> record(Connection c, List<Recorded> group) throws SQLException {
        c.setAutoCommit(false);
        try {
            List<Idempotency.Stored> outcome = Idempotency.settleAll(c, group.stream().map(Recorded::answer).toList());
            List<AuditLog.Entry> entries = new ArrayList<>();
            for (int i = 0; i < group.size(); i++) {
                if (outcome.get(i) == null && group.get(i).audit() != null) entries.add(group.get(i).audit());
            }
            AuditLog.insert(c, entries);
            c.commit();
            return outcome;
        } catch (SQLException | RuntimeException ex) {
            c.rollback();
            throw ex;
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        records.stop();
        judges.close();
    }

    private Verdict counted(Verdict verdict) {
        counters.automodVerdict(verdict.verdict(), verdict.rule());
        return verdict;
    }

    /** A hit that only deletes the message: what is answered and what the audit log keeps. */
    private record Deletion(Verdict verdict, Map<String, Object> auditDetails) {}

    /** The deletion a hit comes to, or null when it opens a case instead (a warn or timeout). */
    private static Deletion deletion(Judgement judgement) {
        ServerInfo server = judgement.server();
        AutomodRules.Message message = judgement.message();
        AutomodRules.Hit hit = judgement.hit();
        // the owner cannot be warned or timed out, and with moderation off no case is opened: the message only goes
        boolean caseAllowed = !judgement.author().equals(server.owner()) && server.config().features().moderation();
        if (!"delete".equals(server.config().automod().action()) && caseAllowed) return null;
        List<PlatformAction> actions = deleteAction(judgement);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rule", hit.rule());
        details.put("detail", hit.detail());
        if (message.channel() != null) details.put("channel", message.channel());
        if (judgement.messageId() != null) details.put("messageId", judgement.messageId());
        String modLog = server.config().modLogChannel();
        if (modLog != null) {
            List<Field> fields = new ArrayList<>();
            fields.add(new Field("User", judgement.author()));
            if (message.channel() != null) fields.add(new Field("Channel", message.channel()));
            fields.add(new Field("Rule", hit.rule()));
            fields.add(new Field("Reason", hit.detail()));
            actions.add(PlatformAction.log(modLog, new LogMessage("Automod deleted a message", "warning", fields, Instant.now())));
        }
        return new Deletion(new Verdict("delete", hit.rule(), reason(hit), null, actions), details);
    }

    /** A warn or timeout: a case in a transaction of the case service. Blocking. */
    private Verdict openCase(Judgement judgement) {
        Automod config = judgement.server().config().automod();
        List<PlatformAction> actions = deleteAction(judgement);
        boolean warn = "warn".equals(config.action());
        String reason = reason(judgement.hit());
        CaseService.Created created = cases.createAutomatic(judgement.server(), warn ? CaseType.WARN : CaseType.TIMEOUT,
                judgement.author(), reason, warn ? null : Durations.parse(config.timeout()), "automod");
        actions.addAll(created.actions());
        return new Verdict(config.action(), judgement.hit().rule(), reason, created.theCase().number, actions);
    }

    private static List<PlatformAction> deleteAction(Judgement judgement) {
        List<PlatformAction> actions = new ArrayList<>();
        if (judgement.messageId() != null && judgement.message().channel() != null) {
            actions.add(PlatformAction.deleteMessage(judgement.message().channel(), judgement.messageId()));
        }
        return actions;
    }

    private static String reason(AutomodRules.Hit hit) {
        return "Automod: " + hit.detail();
    }
}
