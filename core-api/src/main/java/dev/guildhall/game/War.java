package dev.guildhall.game;

import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.Durations;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.platform.ProblemException.FieldError;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A war and its rules (DESIGN §5) as plain Java: every transition checks who acts, the state and
 * the deadline, and refuses with a {@link ProblemException} (403 who, 409 state, 422 rule, 404 round).
 * Persistence and ratings live elsewhere; this class only decides.
 */
public final class War {

    public static final int MAX_SIDE = 5;
    public static final int MAX_GAME = 64;
    public static final Duration MIN_DURATION = Duration.ofMinutes(1);
    public static final Duration MAX_DURATION = Duration.ofDays(7);
    public static final Duration DEFAULT_DURATION = Duration.ofHours(24);

    public enum Status {
        PENDING, ACTIVE, DISPUTED, FINISHED, DECLINED, CANCELLED, EXPIRED, VOIDED;

        /** Open wars can still change and expire; the others are final. */
        public boolean open() {
            return this == PENDING || this == ACTIVE || this == DISPUTED;
        }

        public static Status parse(String field, String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(field, "must be one of " + List.of(values()));
            }
        }
    }

    public enum RoundStatus { PENDING, CONFIRMED, DISPUTED, VOIDED }

    @Schema(name = "WarPlayer")
    public record Player(@Schema(example = "discord:80351110224678912") String user, boolean accepted) {}

    @Schema(name = "WarSide")
    public record Side(List<Player> players, @Schema(example = "0") int wins) {}

    /**
     * One reported round. {@code confirmedBy} is the loser-side player whose report or confirmation made
     * it count, {@code disputedBy} who disputed it, {@code resolvedBy} the moderator who settled it.
     */
    @Schema(name = "WarRound")
    public record Round(@Schema(example = "1") int number,
                        @Schema(example = "0", description = "Side index, 0 or 1") int winner,
                        RoundStatus status,
                        @Schema(example = "discord:80351110224678912") String reportedBy,
                        Instant reportedAt,
                        @Schema(nullable = true) String confirmedBy,
                        @Schema(nullable = true) String disputedBy,
                        @Schema(nullable = true) String resolvedBy) {

        Round with(RoundStatus status, int winner, String confirmedBy, String disputedBy, String resolvedBy) {
            return new Round(number, winner, status, reportedBy, reportedAt, confirmedBy, disputedBy, resolvedBy);
        }
    }

    @Schema(name = "RatingChange")
    public record RatingChange(@Schema(example = "discord:80351110224678912") String user,
                               @Schema(example = "1000") int before, @Schema(example = "1016") int after) {}

    private final UUID id;
    private final String server;
    private final String game;
    private final int winsNeeded;
    private final String createdBy;
    private final Instant createdAt;
    private final Instant expiresAt;
    private Status status;
    private final List<Side> sides;
    private final List<Round> rounds;
    private Integer winner;
    private List<RatingChange> ratingChanges;
    private Instant endedAt;

    /** Rebuilds a war as stored; no rule is checked. */
    public War(UUID id, String server, String game, int winsNeeded, String createdBy, Instant createdAt,
               Instant expiresAt, Status status, List<Side> sides, List<Round> rounds, Integer winner,
               List<RatingChange> ratingChanges, Instant endedAt) {
        this.id = id;
        this.server = server;
        this.game = game;
        this.winsNeeded = winsNeeded;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.status = status;
        this.sides = new ArrayList<>(sides);
        this.rounds = new ArrayList<>(rounds);
        this.winner = winner;
        this.ratingChanges = ratingChanges == null ? List.of() : List.copyOf(ratingChanges);
        this.endedAt = endedAt;
    }

    /**
     * A new challenge from {@code createdBy}. Input problems are collected into one 400 with field
     * errors; a player listed twice (which includes fighting oneself) is a 422.
     */
    public static War create(UUID id, String server, String createdBy, Instant now,
                             String game, String format, String duration, List<List<String>> sides) {
        List<FieldError> errors = new ArrayList<>();
        String g = game == null ? null : game.strip();
        if (g == null || g.isEmpty()) {
            errors.add(new FieldError("game", "is required"));
        } else if (g.codePointCount(0, g.length()) > MAX_GAME) {
            errors.add(new FieldError("game", "must be 1 to " + MAX_GAME + " characters"));
        } else if (g.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("game", "must not contain control characters"));
        }
        Format f = collect(errors, () -> Format.parse("format", format));
        Duration d = duration == null ? DEFAULT_DURATION
                : collect(errors, () -> Durations.parse("duration", duration, MIN_DURATION, MAX_DURATION));
        String platform = ChatId.platformOf(server);
        if (sides == null) {
            errors.add(new FieldError("sides", "is required: two lists of players, e.g. [[\"discord:1\"],[\"discord:2\"]]"));
        } else if (sides.size() != 2) {
            errors.add(new FieldError("sides", "must be exactly two sides"));
        } else {
            for (int s = 0; s < 2; s++) {
                List<String> side = sides.get(s);
                if (side == null || side.isEmpty() || side.size() > MAX_SIDE) {
                    errors.add(new FieldError("sides[" + s + "]", "must list 1 to " + MAX_SIDE + " players"));
                    continue;
                }
                for (int p = 0; p < side.size(); p++) {
                    String user = side.get(p);
                    String field = "sides[" + s + "][" + p + "]";
                    if (!ChatId.isValid(user)) {
                        errors.add(new FieldError(field, "must look like discord:<digits> or slack:<ID>, got '" + user + "'"));
                    } else if (!ChatId.platformOf(user).equals(platform)) {
                        errors.add(new FieldError(field, "must be a user of the server's platform (" + platform + ")"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);

        Set<String> seen = new HashSet<>();
        for (int s = 0; s < 2; s++) {
            for (String user : sides.get(s)) {
                if (!seen.add(user)) {
                    boolean bothSides = sides.get(1 - s).contains(user);
                    throw ProblemException.unprocessable(bothSides ? "self-war" : "duplicate-player", bothSides
                            ? user + " is on both sides; nobody can go to war with themselves"
                            : user + " is listed twice on one side; each player counts once");
                }
            }
        }
        List<Side> built = new ArrayList<>();
        for (List<String> side : sides) {
            built.add(new Side(side.stream().map(u -> new Player(u, u.equals(createdBy))).toList(), 0));
        }
        War war = new War(id, server, g, f.winsNeeded(), createdBy, now, now.plus(d), Status.PENDING,
                built, List.of(), null, List.of(), null);
        war.startIfAllAccepted(); // a creator who names only themselves and nobody else cannot happen (two sides)
        return war;
    }

    private static <T> T collect(List<FieldError> errors, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ProblemException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    // ---- transitions -------------------------------------------------------------------------

    /** A listed player accepts; when the last one has, the war starts. */
    public void accept(String user, Instant now) {
        int side = requirePlayer(user);
        requireOpen(now);
        if (status != Status.PENDING) throw conflict("not-pending", "This war has already started");
        List<Player> players = sides.get(side).players();
        List<Player> updated = new ArrayList<>();
        for (Player p : players) {
            if (p.user().equals(user)) {
                if (p.accepted()) throw conflict("already-accepted", user + " has already accepted this war");
                updated.add(new Player(user, true));
            } else {
                updated.add(p);
            }
        }
        sides.set(side, new Side(updated, sides.get(side).wins()));
        startIfAllAccepted();
    }

    /** Any listed player turns the challenge down while it is pending. */
    public void decline(String user, Instant now) {
        requirePlayer(user);
        requireOpen(now);
        if (status != Status.PENDING) throw conflict("not-pending", "This war has already started; ask a moderator to cancel it");
        end(Status.DECLINED, now);
    }

    /**
     * The creator may call off their challenge until the first round is reported (so nobody escapes a
     * losing war); a MANAGE_SERVER actor may cancel any open war.
     */
    public void cancel(String user, boolean manager, Instant now) {
        if (!manager && !user.equals(createdBy)) {
            throw ProblemException.forbidden("Only the war's creator or a moderator with MANAGE_SERVER may cancel it");
        }
        requireOpen(now);
        if (!manager && !rounds.isEmpty()) {
            throw ProblemException.forbidden("Rounds have been reported; only a moderator with MANAGE_SERVER may cancel this war now");
        }
        end(Status.CANCELLED, now);
    }

    /**
     * A participant reports who won the next round. Reported by the losing side it counts at once;
     * reported by the winning side it waits for the other side to confirm or dispute.
     */
    public Round report(String user, int winnerSide, Instant now) {
        requireSideIndex(winnerSide);
        int side = requirePlayer(user);
        requireOpen(now);
        if (status == Status.PENDING) throw conflict("not-active", "Not every player has accepted this war yet");
        if (status == Status.DISPUTED) throw conflict("war-disputed", "A round is disputed; a moderator must resolve it first");
        Round waiting = rounds.stream().filter(r -> r.status() == RoundStatus.PENDING).findFirst().orElse(null);
        if (waiting != null) {
            throw conflict("round-awaiting-confirmation", "Round " + waiting.number()
                    + " still waits for the other side to confirm or dispute it");
        }
        boolean againstOwnSide = side != winnerSide;
        Round round = new Round(rounds.size() + 1, winnerSide, againstOwnSide ? RoundStatus.CONFIRMED : RoundStatus.PENDING,
                user, now, againstOwnSide ? user : null, null, null);
        rounds.add(round);
        if (againstOwnSide) countAndMaybeFinish(now);
        return round;
    }

    /** A player of the side that lost the round confirms the other side's report. */
    public void confirm(String user, int number, Instant now) {
        int index = awaitingRound(user, number, now);
        Round r = rounds.get(index);
        rounds.set(index, r.with(RoundStatus.CONFIRMED, r.winner(), user, null, null));
        countAndMaybeFinish(now);
    }

    /** A player of the side that lost the round disputes the other side's report; a moderator must resolve it. */
    public void dispute(String user, int number, Instant now) {
        int index = awaitingRound(user, number, now);
        Round r = rounds.get(index);
        rounds.set(index, r.with(RoundStatus.DISPUTED, r.winner(), null, user, null));
        status = Status.DISPUTED;
    }

    /**
     * A moderator settles an unconfirmed (pending or disputed) round: {@code number} null means the
     * latest such round. With {@code winnerSide} the round counts for that side; with {@code voidRound}
     * it is struck out. Either way play resumes (or the war finishes).
     */
    public Round resolveRound(String moderator, boolean manager, Integer number, Integer winnerSide, boolean voidRound, Instant now) {
        requireReferee(moderator, manager);
        requireOpen(now);
        if (voidRound == (winnerSide != null)) {
            throw ProblemException.invalid("winner", "send either a winner (0 or 1) or void, not both or neither");
        }
        if (winnerSide != null) requireSideIndex(winnerSide);
        int index;
        if (number == null) {
            index = -1;
            for (int i = rounds.size() - 1; i >= 0; i--) {
                if (rounds.get(i).status() == RoundStatus.PENDING || rounds.get(i).status() == RoundStatus.DISPUTED) {
                    index = i;
                    break;
                }
            }
            if (index < 0) throw conflict("nothing-to-resolve", "No round of this war waits for a decision");
        } else {
            index = roundIndex(number);
        }
        Round r = rounds.get(index);
        if (r.status() == RoundStatus.CONFIRMED || r.status() == RoundStatus.VOIDED) {
            throw conflict("round-settled", "Round " + r.number() + " is already " + r.status());
        }
        Round settled = voidRound
                ? r.with(RoundStatus.VOIDED, r.winner(), r.confirmedBy(), r.disputedBy(), moderator)
                : r.with(RoundStatus.CONFIRMED, winnerSide, r.confirmedBy(), r.disputedBy(), moderator);
        rounds.set(index, settled);
        status = rounds.stream().anyMatch(x -> x.status() == RoundStatus.DISPUTED) ? Status.DISPUTED : Status.ACTIVE;
        if (!voidRound) countAndMaybeFinish(now);
        return settled;
    }

    /** A moderator voids the whole war: it ends without a winner and without rating changes. */
    public void voidWar(String moderator, boolean manager, Instant now) {
        requireReferee(moderator, manager);
        requireOpen(now);
        end(Status.VOIDED, now);
    }

    /** Past its deadline an open war expires; answers whether it did. */
    public boolean expire(Instant now) {
        if (!status.open() || now.isBefore(expiresAt)) return false;
        end(Status.EXPIRED, now);
        return true;
    }

    /** Records the rating changes computed when the war finished. */
    public void settleRatings(List<RatingChange> changes) {
        if (status != Status.FINISHED || !ratingChanges.isEmpty()) {
            throw new IllegalStateException("ratings change once, when the war finishes");
        }
        ratingChanges = List.copyOf(changes);
    }

    // ---- checks ------------------------------------------------------------------------------

    private int awaitingRound(String user, int number, Instant now) {
        int side = requirePlayer(user);
        requireOpen(now);
        int index = roundIndex(number);
        Round r = rounds.get(index);
        if (r.status() != RoundStatus.PENDING) {
            throw conflict("round-" + r.status().name().toLowerCase(Locale.ROOT),
                    "Round " + number + " is already " + r.status() + "; only a pending round can be confirmed or disputed");
        }
        if (side == r.winner()) {
            throw ProblemException.forbidden("Round " + number + " was reported as won by your side; a player of the other side must confirm or dispute it");
        }
        return index;
    }

    private int roundIndex(int number) {
        if (number < 1 || number > rounds.size()) throw ProblemException.notFound("This war has no round " + number);
        return number - 1;
    }

    private int requirePlayer(String user) {
        int side = sideOf(user);
        if (side < 0) throw ProblemException.forbidden(user + " does not play in this war");
        return side;
    }

    /** Settling a war takes MANAGE_SERVER and no seat in it: a participant never settles their own war (DESIGN §9). */
    private void requireReferee(String moderator, boolean manager) {
        if (!manager) throw ProblemException.forbidden("Only a moderator with MANAGE_SERVER may resolve disputes or void wars");
        if (sideOf(moderator) >= 0) {
            throw ProblemException.forbidden("You play in this war, so you cannot settle it; another moderator must");
        }
    }

    private static void requireSideIndex(int side) {
        if (side != 0 && side != 1) throw ProblemException.invalid("winner", "must be 0 or 1 (the index of the winning side)");
    }

    /** Final wars refuse every change; so does an open war past its deadline that the sweeper has not reached yet. */
    private void requireOpen(Instant now) {
        if (!status.open()) {
            throw conflict("war-" + status.name().toLowerCase(Locale.ROOT), "This war is " + status + " and can no longer change");
        }
        if (!now.isBefore(expiresAt)) throw conflict("war-expired", "This war passed its deadline " + expiresAt + " and has expired");
    }

    private static ProblemException conflict(String slug, String detail) {
        return ProblemException.conflict(slug, detail);
    }

    private void startIfAllAccepted() {
        if (status == Status.PENDING && sides.stream().allMatch(s -> s.players().stream().allMatch(Player::accepted))) {
            status = Status.ACTIVE;
        }
    }

    /** Recounts confirmed rounds; the first side to {@code winsNeeded} finishes the war. */
    private void countAndMaybeFinish(Instant now) {
        int[] wins = new int[2];
        for (Round r : rounds) if (r.status() == RoundStatus.CONFIRMED) wins[r.winner()]++;
        for (int s = 0; s < 2; s++) sides.set(s, new Side(sides.get(s).players(), wins[s]));
        for (int s = 0; s < 2; s++) {
            if (wins[s] >= winsNeeded) {
                winner = s;
                end(Status.FINISHED, now);
                return;
            }
        }
    }

    private void end(Status finalStatus, Instant now) {
        status = finalStatus;
        endedAt = now;
    }

    // ---- reading -----------------------------------------------------------------------------

    /** 0 or 1 for a listed player, -1 otherwise. */
    public int sideOf(String user) {
        for (int s = 0; s < sides.size(); s++) {
            for (Player p : sides.get(s).players()) if (p.user().equals(user)) return s;
        }
        return -1;
    }

    /** The status as users should see it: an open war past its deadline is EXPIRED even before the sweeper runs. */
    public Status statusAt(Instant now) {
        return status.open() && !now.isBefore(expiresAt) ? Status.EXPIRED : status;
    }

    public List<List<String>> playersBySide() {
        return sides.stream().map(s -> s.players().stream().map(Player::user).toList()).toList();
    }

    public List<String> players() {
        return sides.stream().flatMap(s -> s.players().stream().map(Player::user)).toList();
    }

    public UUID id() { return id; }
    public String server() { return server; }
    public String game() { return game; }
    public int winsNeeded() { return winsNeeded; }
    public Format format() { return new Format(winsNeeded); }
    public String createdBy() { return createdBy; }
    public Instant createdAt() { return createdAt; }
    public Instant expiresAt() { return expiresAt; }
    public Status status() { return status; }
    public List<Side> sides() { return List.copyOf(sides); }
    public List<Round> rounds() { return List.copyOf(rounds); }
    public Integer winner() { return winner; }
    public List<RatingChange> ratingChanges() { return ratingChanges; }
    public Instant endedAt() { return endedAt; }
}
