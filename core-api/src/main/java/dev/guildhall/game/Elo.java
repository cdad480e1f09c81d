package dev.guildhall.game;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Elo for teams: a side's rating is the mean of its players' ratings, the side's delta is
 * {@code K * (score - expected)} rounded to whole points, and every player of the side gets it.
 * The loser's delta is the exact negative of the winner's, so a ladder never gains or loses points
 * through rounding.
 */
public final class Elo {

    public static final int START = 1000;
    public static final int K = 32;

    private Elo() {}

    /** Expected score of a side rated {@code rating} against one rated {@code opponent}. */
    public static double expected(double rating, double opponent) {
        return 1.0 / (1.0 + Math.pow(10.0, (opponent - rating) / 400.0));
    }

    /** Points the winning side gains (and the losing side loses), rounded half up. */
    public static int delta(double winnerRating, double loserRating) {
        return (int) Math.round(K * (1.0 - expected(winnerRating, loserRating)));
    }

    public static double sideRating(Collection<Integer> ratings) {
        if (ratings.isEmpty()) throw new IllegalArgumentException("a side has at least one player");
        return ratings.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }

    /**
     * The rating changes of a finished war: {@code sides} lists each side's players,
     * {@code ratings} holds every player's rating before the war (missing players start at {@link #START}).
     * Changes come out side by side, players in the order given.
     */
    public static List<War.RatingChange> changes(List<List<String>> sides, int winner, Map<String, Integer> ratings) {
        if (sides.size() != 2 || (winner != 0 && winner != 1)) throw new IllegalArgumentException("two sides, winner 0 or 1");
        List<Integer> winners = sides.get(winner).stream().map(u -> ratings.getOrDefault(u, START)).toList();
        List<Integer> losers = sides.get(1 - winner).stream().map(u -> ratings.getOrDefault(u, START)).toList();
        int d = delta(sideRating(winners), sideRating(losers));
        List<War.RatingChange> out = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            int signed = s == winner ? d : -d;
            for (String user : sides.get(s)) {
                int before = ratings.getOrDefault(user, START);
                out.add(new War.RatingChange(user, before, before + signed));
            }
        }
        return out;
    }
}
