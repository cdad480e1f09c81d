package dev.guildhall.discord.commands;

import dev.guildhall.discord.Ids;
import dev.guildhall.discord.api.ApiRequest;
import dev.guildhall.discord.api.Operation;
import dev.guildhall.discord.format.View;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

import java.util.List;
import java.util.Map;

/** {@code /leaderboard} and {@code /profile}. */
public final class PlayerCommands implements SlashCommandFamily {

    static final String GAME = "game";
    static final String USER = "user";

    @Override
    public List<SlashCommandData> commands() {
        return List.of(
                Commands.slash("leaderboard", "Ratings table of this server")
                        .setContexts(InteractionContextType.GUILD)
                        .addOption(OptionType.STRING, GAME, "The game", true),
                Commands.slash("profile", "Ratings, wins, losses and recent wars of a player")
                        .setContexts(InteractionContextType.GUILD)
                        .addOption(OptionType.USER, USER, "Whose profile (default: yours)", false));
    }

    @Override
    public Reply handle(CommandInput in) {
        String server = Ids.server(in.guildId());
        return switch (in.name()) {
            case "leaderboard" -> Reply.call(ApiRequest.of(Operation.LEADERBOARD, Map.of("server", server))
                    .withQuery("game", in.string(GAME).orElse(null)), View.LEADERBOARD);
            case "profile" -> Reply.call(ApiRequest.of(Operation.PLAYER_PROFILE, Map.of("server", server,
                    "user", Ids.user(in.user(USER).orElse(in.userId())))), View.PROFILE);
            default -> Reply.text("Unknown command.");
        };
    }
}
