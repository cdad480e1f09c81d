package dev.guildhall.automod;

import dev.guildhall.server.ServerConfig.Window;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Each author's recent messages (time and content hash) in PostgreSQL, so every instance counts the
 * same window. One statement appends the message, drops what fell out of the window and returns both
 * counts; the author's row lock makes concurrent messages count each other.
 */
@ApplicationScoped
public class SpamWindows {

    /** Counts within the windows, this message included. */
    public record Counts(int duplicates, int messages) {}

    /** The most messages kept per author: windows count at most 100, so anything beyond cannot matter. */
    static final int KEEP = 101;

    private final EntityManager em;

    public SpamWindows(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public Counts record(String server, String author, long hash, Window duplicate, Window rate) {
        int dupSeconds = duplicate == null ? 0 : duplicate.seconds();
        int rateSeconds = rate == null ? 0 : rate.seconds();
        Object[] row = (Object[]) em.createNativeQuery("""
                insert into automod_window as w (server, author, times, hashes, last_at)
                values (:s, :a, array[now()], array[cast(:h as bigint)], now())
                on conflict (server, author) do update set
                  (times, hashes) = (
                    select coalesce(array_agg(t order by t), '{}'), coalesce(array_agg(h order by t), '{}')
                    from (select u.t, u.h from unnest(w.times || now(), w.hashes || cast(:h as bigint)) as u(t, h)
                          where u.t > now() - make_interval(secs => :keep)
                          order by u.t desc limit :max) recent),
                  last_at = now()
                returning
                  (select count(*) from unnest(times, hashes) as u(t, h)
                    where u.h = cast(:h as bigint) and u.t > now() - make_interval(secs => :dup)),
                  (select count(*) from unnest(times) as u(t) where u.t > now() - make_interval(secs => :rate))""")
                .setParameter("s", server).setParameter("a", author).setParameter("h", hash)
                .setParameter("keep", Math.max(dupSeconds, rateSeconds)).setParameter("max", KEEP)
                .setParameter("dup", dupSeconds).setParameter("rate", rateSeconds)
                .getSingleResult();
        return new Counts(((Number) row[0]).intValue(), ((Number) row[1]).intValue());
    }

    /** Authors quiet for longer than the longest window (1 h) have nothing left to count. */
    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetQuietAuthors() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from automod_window where last_at < now() - interval '1 hour'").executeUpdate());
    }
}
