package dev.guildhall.game;

import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The Elo ladder per server and game: settling finished wars, the leaderboard and player ratings. */
@ApplicationScoped
public class Ratings {

    @Schema(name = "LeaderboardEntry")
    public record Entry(@Schema(example = "1") int rank, @Schema(example = "discord:80351110224678912") String user,
                        @Schema(example = "1016") int rating, @Schema(example = "1") int wins,
                        @Schema(example = "0") int losses, @Schema(example = "1") int played) {}

    @Schema(name = "PlayerRating")
    public record GameRating(@Schema(example = "chess") String game, @Schema(example = "1016") int rating,
                             @Schema(example = "1") int wins, @Schema(example = "0") int losses,
                             @Schema(example = "1") int played,
                             @Schema(example = "1", description = "+n: n wins in a row; -n: n losses in a row") int streak,
                             @Schema(example = "3", description = "Place on the game's leaderboard (ties share a rank)") int rank) {}

    /** An entry and its 1-based position in the whole board (differs from rank on ties). */
    private record Placed(Entry entry, int position) {}

    private final EntityManager em;

    public Ratings(EntityManager em) {
        this.em = em;
    }

    /**
     * Applies a finished war to the ladder, inside the war's transaction. The players' rating rows are
     * created if missing and locked in one statement, in user order, so two wars finishing at once with
     * shared players cannot deadlock; then each side moves by its delta.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<War.RatingChange> settle(War war) {
        String users = String.join(",", new TreeSet<>(war.players())); // ids never contain commas (ChatId)
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                insert into rating as r (server, game, user_id)
                select :server, :game, u from unnest(string_to_array(:users, ',')) as u order by u
                on conflict (server, game, user_id) do update set updated_at = now()
                returning r.user_id, r.rating""")
                .setParameter("server", war.server()).setParameter("game", war.game()).setParameter("users", users)
                .getResultList();
        Map<String, Integer> before = new HashMap<>();
        for (Object[] row : rows) before.put((String) row[0], ((Number) row[1]).intValue());
        int winner = war.winner();
        List<War.RatingChange> changes = Elo.changes(war.playersBySide(), winner, before);
        int delta = changes.stream().filter(c -> war.sideOf(c.user()) == winner).findFirst()
                .map(c -> c.after() - c.before()).orElseThrow();
        List<List<String>> sides = war.playersBySide();
        move(war, sides.get(winner), delta, true);
        move(war, sides.get(1 - winner), -delta, false);
        return changes;
    }

    private void move(War war, List<String> users, int delta, boolean won) {
        em.createNativeQuery(won ? """
                update rating set rating = rating + :delta, wins = wins + 1,
                    streak = greatest(streak, 0) + 1, updated_at = now()
                where server = :server and game = :game and user_id = any(string_to_array(:users, ','))"""
                : """
                update rating set rating = rating + :delta, losses = losses + 1,
                    streak = least(streak, 0) - 1, updated_at = now()
                where server = :server and game = :game and user_id = any(string_to_array(:users, ','))""")
                .setParameter("delta", delta).setParameter("server", war.server()).setParameter("game", war.game())
                .setParameter("users", String.join(",", users))
                .executeUpdate();
    }

    /**
     * The leaderboard, best first (rating desc, then user id). Ranks are competition ranks (equal
     * ratings share a rank); the cursor carries the last row's position so later pages need no counting.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Entry> leaderboard(String server, String game, PageRequest page) {
        String afterUser = page.afterText("u");
        int afterRating = 0, afterPosition = 0, afterRank = 0;
        if (afterUser != null) {
            afterRating = cursorInt(page, "r");
            afterPosition = cursorInt(page, "p");
            afterRank = cursorInt(page, "k");
        }
        Query q = em.createNativeQuery("select user_id, rating, wins, losses from rating where server = :server and game = :game"
                + (afterUser == null ? "" : " and (rating < :r or (rating = :r and user_id > :u))")
                + " order by rating desc, user_id")
                .setParameter("server", server).setParameter("game", game);
        if (afterUser != null) q.setParameter("r", afterRating).setParameter("u", afterUser);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.setMaxResults(page.limit() + 1).getResultList();
        List<Placed> entries = new ArrayList<>(rows.size());
        int position = afterPosition, rank = afterRank;
        Integer previous = afterUser == null ? null : afterRating;
        for (Object[] row : rows) {
            int rating = ((Number) row[1]).intValue();
            position++;
            if (previous == null || rating != previous) rank = position;
            previous = rating;
            int wins = ((Number) row[2]).intValue(), losses = ((Number) row[3]).intValue();
            entries.add(new Placed(new Entry(rank, (String) row[0], rating, wins, losses, wins + losses), position));
        }
        return page.page(entries, Placed::entry, e -> PageRequest.position().put("u", e.entry().user())
                .put("r", e.entry().rating()).put("p", e.position()).put("k", e.entry().rank()));
    }

    /** A player's rating in every game of the server, with their leaderboard rank. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GameRating> of(String server, String user) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select r.game, r.rating, r.wins, r.losses, r.streak,
                       1 + (select count(*) from rating b where b.server = r.server and b.game = r.game and b.rating > r.rating)
                from rating r where r.server = :server and r.user_id = :user order by r.game""")
                .setParameter("server", server).setParameter("user", user).getResultList();
        return rows.stream().map(r -> {
            int wins = ((Number) r[2]).intValue(), losses = ((Number) r[3]).intValue();
            return new GameRating((String) r[0], ((Number) r[1]).intValue(), wins, losses, wins + losses,
                    ((Number) r[4]).intValue(), ((Number) r[5]).intValue());
        }).toList();
    }

    private static int cursorInt(PageRequest page, String field) {
        try {
            return Integer.parseInt(page.afterText(field));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out");
        }
    }
}
