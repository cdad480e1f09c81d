package dev.guildhall.welcome;

import dev.guildhall.actions.PlatformAction;
import dev.guildhall.actions.PlatformAction.Field;
import dev.guildhall.actions.PlatformAction.LogMessage;
import dev.guildhall.audit.AuditLog;
import dev.guildhall.platform.DatabaseBreaker;
import dev.guildhall.server.ServerConfig;
import dev.guildhall.server.ServerInfo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A member joined: welcome message, auto-role and raid detection. Joins are counted per server in
 * PostgreSQL (one row, one statement per join), so every instance sees the same burst. During a
 * raid the welcome and auto-role are held back: greeting and granting roles to raid accounts helps the raid.
 */
@ApplicationScoped
public class JoinService {

    public record Outcome(List<PlatformAction> actions, boolean raid) {}

    private final EntityManager em;
    private final AuditLog audit;

    public JoinService(EntityManager em, AuditLog audit) {
        this.em = em;
        this.audit = audit;
    }

    @Transactional
    public Outcome joined(ServerInfo server, String user, String name, Instant accountCreatedAt) {
        ServerConfig config = server.config();
        List<PlatformAction> actions = new ArrayList<>();
        boolean raid = false;
        if (config.raid().enabled()) {
            raid = detectRaid(server, user, accountCreatedAt, actions);
        }
        if (!raid) {
            ServerConfig.Welcome w = config.welcome();
            if (w.enabled() && w.channel() != null) {
                actions.add(PlatformAction.message(w.channel(), RaidRule.welcome(w.template(), user, name, server.name())));
            }
            if (w.role() != null) actions.add(PlatformAction.addRole(user, w.role()));
        }
        return new Outcome(actions, raid);
    }

    private boolean detectRaid(ServerInfo server, String user, Instant accountCreatedAt, List<PlatformAction> actions) {
        ServerConfig.Raid r = server.config().raid();
        Object[] row = (Object[]) em.createNativeQuery("""
                insert into raid_window as w (server, times, raid_until, last_at) values (:s, array[now()], null, now())
                on conflict (server) do update set
                  times = (select coalesce(array_agg(t order by t), '{}')
                           from (select t from unnest(w.times || now()) as u(t)
                                 where t > now() - make_interval(secs => :secs) order by t desc limit :max) recent),
                  last_at = now()
                returning cardinality(times), coalesce(raid_until > now(), false)""")
                .setParameter("s", server.id()).setParameter("secs", r.seconds()).setParameter("max", r.joins())
                .getSingleResult();
        int joins = ((Number) row[0]).intValue();
        RaidRule.Decision d = RaidRule.decide(joins, r.joins(), (Boolean) row[1]);
        if (d.extend()) {
            em.createNativeQuery("update raid_window set raid_until = now() + make_interval(secs => :secs) where server = :s")
                    .setParameter("secs", r.seconds()).setParameter("s", server.id()).executeUpdate();
        }
        if (d.started()) {
            audit.record(server.id(), null, "raid.detected", user,
                    Map.of("joins", joins, "seconds", r.seconds(), "lockdown", r.lockdown()));
            String modLog = server.config().modLogChannel();
            if (modLog != null) {
                List<Field> fields = new ArrayList<>();
                fields.add(new Field("Joins", joins + " within " + r.seconds() + "s"));
                fields.add(new Field("Latest member", user));
                if (accountCreatedAt != null) fields.add(new Field("Account created", accountCreatedAt.toString()));
                fields.add(new Field("Lockdown", r.lockdown() ? "requested" : "off"));
                actions.add(PlatformAction.log(modLog, new LogMessage("Raid detected", "danger", fields, Instant.now())));
            }
            if (r.lockdown()) {
                actions.add(PlatformAction.lockdown("Raid: " + joins + " joins within " + r.seconds() + "s"));
            }
        }
        return d.raid();
    }

    /** Servers with no join for an hour (the longest window) have nothing left to count. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = DatabaseBreaker.Open.class)
    void forgetQuietServers() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from raid_window where last_at < now() - interval '1 hour' and (raid_until is null or raid_until < now())")
                .executeUpdate());
    }
}
