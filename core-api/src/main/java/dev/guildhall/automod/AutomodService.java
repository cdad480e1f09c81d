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
import dev.guildhall.server.ServerConfig.Automod;
import dev.guildhall.server.ServerInfo;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final Cache<Automod, AutomodRules> compiled = Caffeine.newBuilder().maximumSize(2000).build();

    public AutomodService(SpamWindows windows, CaseService cases, AuditLog audit, DomainCounters counters) {
        this.counters = counters;
        this.windows = windows;
        this.cases = cases;
        this.audit = audit;
    }

    /** Whether automod can do anything with this message at all: not when it is off, or for an exempt author or channel. */
    public boolean canAct(ServerInfo server, AutomodRules.Message message) {
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
        /** Whether the verdict writes something (an audit entry or a case), so it must be given on a worker thread. */
        public boolean acts() {
            return hit != null;
        }
    }

    /** Judges and enforces in one go, for callers already on a worker thread. */
    public Verdict check(ServerInfo server, String author, String messageId, AutomodRules.Message message) {
        return verdict(judge(server, author, messageId, message));
    }

    public Judgement judge(ServerInfo server, String author, String messageId, AutomodRules.Message message) {
        Automod config = server.config().automod();
        AutomodRules rules = actingRules(config, message);
        if (rules == null) return new Judgement(server, author, messageId, message, null);
        AutomodRules.Text text = new AutomodRules.Text(message.content());
        Optional<AutomodRules.Hit> hit = rules.content(message, text);
        if (rules.countsMessages()) {
            // every message counts toward the rate, also one already caught by a content rule
            SpamWindows.Counts counts = windows.record(server.id(), author, text.hash(),
                    config.duplicateLimit(), config.rateLimit());
            if (hit.isEmpty()) hit = rules.spam(counts.duplicates(), counts.messages());
        }
        return new Judgement(server, author, messageId, message, hit.orElse(null));
    }

    /**
     * The verdict on a judgement, counted: allow, or the hit enforced — a deletion is one audit insert on its
     * own, a warn or timeout a case in a transaction of the case service. Blocking when the judgement acts.
     */
    public Verdict verdict(Judgement judgement) {
        Verdict verdict = judgement.acts()
                ? enforce(judgement.server(), judgement.author(), judgement.messageId(), judgement.message(), judgement.hit())
                : Verdict.ALLOW;
        counters.automodVerdict(verdict.verdict(), verdict.rule());
        return verdict;
    }

    private Verdict enforce(ServerInfo server, String author, String messageId, AutomodRules.Message message,
                            AutomodRules.Hit hit) {
        Automod config = server.config().automod();
        List<PlatformAction> actions = new ArrayList<>();
        if (messageId != null && message.channel() != null) {
            actions.add(PlatformAction.deleteMessage(message.channel(), messageId));
        }
        String reason = "Automod: " + hit.detail();
        // the owner cannot be warned or timed out, and with moderation off no case is opened: the message only goes
        boolean caseAllowed = !author.equals(server.owner()) && server.config().features().moderation();
        if ("delete".equals(config.action()) || !caseAllowed) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("rule", hit.rule());
            details.put("detail", hit.detail());
            if (message.channel() != null) details.put("channel", message.channel());
            if (messageId != null) details.put("messageId", messageId);
            audit.record(server.id(), null, "automod.delete", author, details);
            String modLog = server.config().modLogChannel();
            if (modLog != null) {
                List<Field> fields = new ArrayList<>();
                fields.add(new Field("User", author));
                if (message.channel() != null) fields.add(new Field("Channel", message.channel()));
                fields.add(new Field("Rule", hit.rule()));
                fields.add(new Field("Reason", hit.detail()));
                actions.add(PlatformAction.log(modLog, new LogMessage("Automod deleted a message", "warning", fields, Instant.now())));
            }
            return new Verdict("delete", hit.rule(), reason, null, actions);
        }
        boolean warn = "warn".equals(config.action());
        CaseService.Created created = cases.createAutomatic(server, warn ? CaseType.WARN : CaseType.TIMEOUT, author, reason,
                warn ? null : Durations.parse(config.timeout()), "automod");
        actions.addAll(created.actions());
        return new Verdict(config.action(), hit.rule(), reason, created.theCase().number, actions);
    }
}
