package dev.guildhall.discord.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.discord.Ids;
import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.Operation;
import dev.guildhall.discord.format.View;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** {@code /war create|accept|decline|report|confirm|dispute|status|list|cancel} and the war-card buttons. */
public final class WarCommands implements SlashCommandFamily {

    public static final String NAME = "war";
    public static final String PREFIX = "war";

    static final String WAR = "war";
    static final String OPPONENT = "opponent";
    static final String GAME = "game";
    static final String FIRST_TO = "first-to";
    static final String DURATION = "duration";
    static final String WINNER = "winner";
    static final String ROUND = "round";
    static final String STATUS = "status";
    static final String PLAYER = "player";
    static final int MAX_TEAM = 5;

    @Override
    public List<SlashCommandData> commands() {
        SubcommandData create = new SubcommandData("create", "Challenge players to a war")
                .addOption(OptionType.USER, OPPONENT, "Who you challenge", true)
                .addOptions(new OptionData(OptionType.STRING, GAME, "The game", true).setMaxLength(64))
                .addOptions(new OptionData(OptionType.INTEGER, FIRST_TO, "Rounds needed to win (ftN), default 3")
                        .setRequiredRange(1, 10))
                .addOption(OptionType.STRING, DURATION, "Deadline, e.g. 30m, 12h, 7d (default 24h)");
        for (int i = 2; i <= MAX_TEAM; i++) {
            create.addOption(OptionType.USER, "teammate-" + i, "Your side's player " + i);
        }
        for (int i = 2; i <= MAX_TEAM; i++) {
            create.addOption(OptionType.USER, "opponent-" + i, "Opposing side's player " + i);
        }
        return List.of(Commands.slash(NAME, "Challenge others, report rounds, climb the ladder")
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(
                        create,
                        warOnly("accept", "Accept a challenge"),
                        warOnly("decline", "Decline a challenge"),
                        warOnly("cancel", "Cancel a war you created"),
                        warOnly("status", "Show a war"),
                        warOnly("report", "Report who won the next round")
                                .addOption(OptionType.USER, WINNER, "A player of the winning side", true),
                        warOnly("confirm", "Confirm a reported round")
                                .addOptions(new OptionData(OptionType.INTEGER, ROUND, "Round number", true)
                                        .setMinValue(1)),
                        warOnly("dispute", "Dispute a reported round")
                                .addOptions(new OptionData(OptionType.INTEGER, ROUND, "Round number", true)
                                        .setMinValue(1)),
                        new SubcommandData("list", "List this server's wars")
                                .addOptions(new OptionData(OptionType.STRING, STATUS, "Only wars in this state")
                                        .addChoice("pending", "PENDING").addChoice("active", "ACTIVE")
                                        .addChoice("disputed", "DISPUTED").addChoice("finished", "FINISHED"))
                                .addOption(OptionType.USER, PLAYER, "Only wars of this player")));
    }

    private static SubcommandData warOnly(String name, String description) {
        return new SubcommandData(name, description).addOptions(
                new OptionData(OptionType.STRING, WAR, "The war (start typing to pick one of yours)", true)
                        .setAutoComplete(true));
    }

    /** Suggests the actor's wars in the state the subcommand needs. */
    @Override
    public ApiRequestForChoices autocomplete(CommandInput in, String option) {
        if (!WAR.equals(option)) return null;
        String status = switch (in.subcommand() == null ? "" : in.subcommand()) {
            case "accept", "decline" -> "PENDING";
            case "report", "confirm", "dispute" -> "ACTIVE";
            default -> null;
        };
        return new ApiRequestForChoices(ApiRequest.of(Operation.LIST_WARS, Map.of("server", Ids.server(in.guildId())))
                .withQuery("player", Ids.user(in.userId())).withQuery("status", status).withQuery("limit", "25"),
                dev.guildhall.discord.format.Choices.WARS);
    }

    @Override
    public Reply handle(CommandInput in) {
        String sub = in.subcommand() == null ? "" : in.subcommand();
        String server = Ids.server(in.guildId());
        return switch (sub) {
            case "create" -> create(in, server);
            case "list" -> Reply.call(ApiRequest.of(Operation.LIST_WARS, Map.of("server", server))
                    .withQuery("status", in.string(STATUS).orElse(null))
                    .withQuery("player", in.user(PLAYER).isPresent()
                            ? Ids.user(in.user(PLAYER).getAsLong()) : null), View.WAR_LIST);
            case "status" -> Reply.call(ApiRequest.of(Operation.GET_WAR, war(in)), View.WAR);
            case "accept" -> Reply.call(ApiRequest.of(Operation.ACCEPT_WAR, war(in), Json.obj()), View.WAR);
            case "decline" -> Reply.call(ApiRequest.of(Operation.DECLINE_WAR, war(in), Json.obj()), View.WAR);
            case "cancel" -> Reply.call(ApiRequest.of(Operation.CANCEL_WAR, war(in), Json.obj()), View.WAR);
            case "confirm" -> Reply.call(round(Operation.CONFIRM_ROUND, in), View.WAR);
            case "dispute" -> Reply.call(round(Operation.DISPUTE_ROUND, in), View.WAR);
            case "report" -> report(in);
            default -> Reply.text("Unknown /war subcommand.");
        };
    }

    private static Reply create(CommandInput in, String server) {
        List<String> mine = new ArrayList<>(List.of(Ids.user(in.userId())));
        List<String> theirs = new ArrayList<>(List.of(Ids.user(in.user(OPPONENT).orElseThrow())));
        for (int i = 2; i <= MAX_TEAM; i++) {
            in.user("teammate-" + i).ifPresent(u -> mine.add(Ids.user(u)));
            in.user("opponent-" + i).ifPresent(u -> theirs.add(Ids.user(u)));
        }
        long firstTo = in.integer(FIRST_TO).orElse(3);
        JsonNode body = Json.obj(
                "game", in.string(GAME).orElseThrow(),
                "format", "ft" + firstTo,
                "duration", in.string(DURATION).orElse(null),
                "sides", List.of(mine, theirs));
        return Reply.call(ApiRequest.of(Operation.CREATE_WAR, Map.of("server", server), body), View.WAR);
    }

    /**
     * The contract reports a side index; players name a winner. The war is read first and the
     * winner's side looked up in it — a translation of Discord input, not a rule.
     */
    private static Reply report(CommandInput in) {
        Map<String, String> war = war(in);
        String winner = Ids.user(in.user(WINNER).orElseThrow());
        return new Reply.Plan(ApiRequest.of(Operation.GET_WAR, war),
                current -> ApiRequest.of(Operation.REPORT_ROUND, war, Json.obj("winner", sideOf(current, winner))),
                View.WAR, false);
    }

    /** The index of the side {@code user} plays on; -1 if they are not in the war (core-api says no). */
    static int sideOf(JsonNode war, String user) {
        JsonNode sides = war.path("sides");
        for (int i = 0; i < sides.size(); i++) {
            JsonNode side = sides.get(i);
            JsonNode players = side.isArray() ? side : side.path("players");
            for (JsonNode p : players) {
                String id = p.isTextual() ? p.asText() : p.path("user").asText();
                if (user.equals(id)) return i;
            }
        }
        return -1;
    }

    private static Map<String, String> war(CommandInput in) {
        return Map.of("id", in.string(WAR).orElseThrow().trim());
    }

    private static ApiRequest round(Operation op, CommandInput in) {
        OptionalLong round = in.integer(ROUND);
        return ApiRequest.of(op, Map.of("id", in.string(WAR).orElseThrow().trim(),
                "n", Long.toString(round.orElseThrow())), Json.obj());
    }

    // ---- buttons on war cards: war:accept:<id>, war:decline:<id>, war:confirm:<id>:<n>, war:dispute:<id>:<n>

    @Override
    public String componentPrefix() {
        return PREFIX;
    }

    @Override
    public Reply handleButton(ComponentId id, CommandInput in) {
        String war = id.arg(0);
        if (war == null) return Reply.text("This button has lost its war.");
        return switch (id.action()) {
            case "accept" -> Reply.call(ApiRequest.of(Operation.ACCEPT_WAR, Map.of("id", war), Json.obj()), View.WAR);
            case "decline" -> Reply.call(ApiRequest.of(Operation.DECLINE_WAR, Map.of("id", war), Json.obj()), View.WAR);
            case "confirm", "dispute" -> id.arg(1) == null ? Reply.text("This button has lost its round.")
                    : Reply.call(ApiRequest.of(id.action().equals("confirm") ? Operation.CONFIRM_ROUND
                            : Operation.DISPUTE_ROUND, Map.of("id", war, "n", id.arg(1)), Json.obj()), View.WAR);
            default -> Reply.text("This button is no longer supported.");
        };
    }
}
