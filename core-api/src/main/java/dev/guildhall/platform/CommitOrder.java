package dev.guildhall.platform;

import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.util.List;

/**
 * Lists that a client pages through or tails, newest first, complete under concurrent writers (the audit log, wars).
 * Ids come from a sequence (or the clock) but transactions commit in another order: a row given id 90 by a slow
 * transaction commits after the row with id 100, so a reader whose cursor had passed 90 — or who tails from the
 * newest row it saw, 100 — never sees it. So each such table keeps the writing transaction's id ({@code tx xid8},
 * V10), rows are ordered by it, and a reader is shown only rows whose transaction is older than every transaction
 * still running ({@code pg_snapshot_xmin}): whatever commits later has a larger {@code tx} than anything shown, so
 * it lands in front of every cursor, never behind one.
 * <p>
 * The price: a row shows only once the transactions older than it have ended — milliseconds for this service's own
 * short writes, but as long as any long write transaction on the database runs. {@link #awaitEarlierCommits} waits a
 * moment for them, so a client reading right after its own write sees it.
 */
public final class CommitOrder {

    /** The rows a reader may be shown: no transaction still running can commit a row ordered before them. */
    public static final String SETTLED = "tx < pg_snapshot_xmin(pg_current_snapshot())";
    /** Newest first. */
    public static final String NEWEST_FIRST = "tx desc, id desc";
    /** After the cursor's row, newest first; parameters {@code cursorTx} (text) and {@code cursorId}. */
    public static final String AFTER_CURSOR = "(tx, id) < (cast(:cursorTx as xid8), :cursorId)";
    /** The select-list item that reads a row's transaction as text ({@link #TX_COLUMN}), for the next cursor. */
    public static final String TX = "tx::text as row_tx";
    public static final String TX_COLUMN = "row_tx";
    /** The cursor member holding the transaction of the last row shown. */
    public static final String CURSOR_TX = "t";

    /** The longest a list waits for the transactions running when it was asked for. */
    static final Duration WAIT = Duration.ofMillis(200);

    private CommitOrder() {}

    /**
     * Waits, at most {@link #WAIT}, until every transaction that was running when it was called has ended, so that
     * every row committed before the request arrived is settled and shown. At once when no write is running.
     */
    public static void awaitEarlierCommits(EntityManager em) {
        Object[] bounds = (Object[]) em.createNativeQuery(
                "select pg_snapshot_xmin(s)::text, pg_snapshot_xmax(s)::text from pg_current_snapshot() s").getSingleResult();
        if (bounds[0].equals(bounds[1])) return;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<?> done = em.createNativeQuery("select 1 where pg_snapshot_xmin(pg_current_snapshot()) >= cast(:x as xid8)")
                    .setParameter("x", bounds[1]).getResultList();
            if (!done.isEmpty()) return;
        }
    }

    /** The cursor's transaction, checked: 400 when it is not one this API gave out. */
    public static String cursorTx(PageRequest page) {
        String tx = page.afterText(CURSOR_TX);
        if (tx != null && (tx.isEmpty() || tx.length() > 20 || !tx.chars().allMatch(Character::isDigit))) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
        }
        return tx;
    }
}
