package dev.guildhall.platform;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A short cache of a database read that every instance must see change within a second (an API key's revocation,
 * a server's config). An entry expires {@code expireAfter} after it was read; a hot one is read again in the
 * background once it is {@code refreshAfter} old, on a worker thread, while requests go on being answered from it.
 * With expiry alone, every request in flight when a hot entry expired missed it and read the database on a worker
 * thread of its own: under load, dozens of identical reads per key and server every 0.8 s (bench/RESULTS.md, run 21).
 * Caffeine's {@code refreshAfterWrite}, which quarkus-cache does not offer.
 */
public final class ShortCache<K, V> {

    private final Function<K, V> load;
    private final TransactionSynchronizationRegistry transactions;
    private final DatabaseBreaker database;
    private final AsyncLoadingCache<K, V> cache;

    /** Read again after 0.4 s, expired after 0.8 s: a change holds on every instance within a second. */
    static final Duration REFRESH_AFTER = Duration.ofMillis(400);
    static final Duration EXPIRE_AFTER = Duration.ofMillis(800);
    static final long MAXIMUM_SIZE = 10_000;

    /** {@code load} reads the value (blocking), or returns null for none: nothing is kept then, so it is read again. */
    public ShortCache(Function<K, V> load, TransactionSynchronizationRegistry transactions, DatabaseBreaker database) {
        this(REFRESH_AFTER, EXPIRE_AFTER, MAXIMUM_SIZE, load, transactions, database);
    }

    ShortCache(Duration refreshAfter, Duration expireAfter, long maximumSize, Function<K, V> load,
               TransactionSynchronizationRegistry transactions, DatabaseBreaker database) {
        this.load = load;
        this.transactions = transactions;
        this.database = database;
        // Quarkus's worker pool; no request context goes along, since a refresh outlives the request that set it off
        ManagedExecutor workers = ManagedExecutor.builder().propagated(ThreadContext.NONE)
                .cleared(ThreadContext.ALL_REMAINING).build();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(expireAfter)
                .refreshAfterWrite(refreshAfter)
                .executor(workers)
                .buildAsync(new AsyncCacheLoader<K, V>() {
                    @Override
                    public CompletableFuture<V> asyncLoad(K key, Executor executor) {
                        return CompletableFuture.supplyAsync(() -> load.apply(key), executor);
                    }

                    @Override
                    public CompletableFuture<V> asyncReload(K key, V old, Executor executor) {
                        return quietWhileTheDatabaseIsAway(asyncLoad(key, executor));
                    }
                });
    }

    /**
     * A refresh the database cannot answer ends cancelled, which Caffeine does not log: in an outage every hot entry
     * would otherwise log a warning with a stack trace (DatabaseBreaker says it once). The entry stays until it
     * expires, as after any failed refresh; any other failure is logged as before.
     */
    private static <V> CompletableFuture<V> quietWhileTheDatabaseIsAway(CompletableFuture<V> refresh) {
        CompletableFuture<V> result = new CompletableFuture<>();
        refresh.whenComplete((value, failure) -> {
            if (failure == null) result.complete(value);
            else if (ProblemMappers.isDatabaseUnreachable(failure)) result.cancel(false);
            else result.completeExceptionally(failure);
        });
        return result;
    }

    /** The value if this instance holds it (one a refresh is due for is read again in the background), else null. */
    public V ifPresent(K key) {
        CompletableFuture<V> value = cache.getIfPresent(key);
        return value == null || !value.isDone() || value.isCompletedExceptionally() ? null : value.join();
    }

    /**
     * The value, read on the calling thread when this instance does not hold it: blocking, for a worker thread. While
     * the database is known to be away a miss is refused at once, without a transaction or a try for a connection:
     * API keys are read through here, so in an outage nearly every call ends here, and a refusal should cost what a
     * 401 does, not a transaction, a session and a try for a connection (half the time per refusal, measured).
     */
    public V get(K key) {
        V cached = ifPresent(key);
        if (cached != null) return cached;
        if (database.isOpen()) throw ProblemException.databaseUnavailable();
        V loaded = load.apply(key);
        if (loaded != null) cache.put(key, CompletableFuture.completedFuture(loaded));
        return loaded;
    }

    /** Forgets the entry now and, inside a transaction, again when it ends: a read meanwhile saw the old row. */
    public void invalidate(K key) {
        cache.synchronous().invalidate(key);
        afterTransaction(() -> cache.synchronous().invalidate(key));
    }

    /** {@link #invalidate} for every entry. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
        afterTransaction(() -> cache.synchronous().invalidateAll());
    }

    private void afterTransaction(Runnable forget) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) return;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                forget.run();
            }
        });
    }
}
