package dev.guildhall.discord;

import dev.guildhall.discord.commands.CaseCommands;
import dev.guildhall.discord.commands.ConfigCommands;
import dev.guildhall.discord.commands.ModerationCommands;
import dev.guildhall.discord.commands.PlayerCommands;
import dev.guildhall.discord.commands.SlashCommandFamily;
import dev.guildhall.discord.commands.WarCommands;

import java.util.List;

/** Every command family, wired in one place. Add a feature here and the router finds it. */
public final class Features {

    private Features() {}

    public static List<SlashCommandFamily> createFeatures() {
        return List.of(
                new WarCommands(),
                new PlayerCommands(),
                new ModerationCommands(),
                new CaseCommands(),
                new ConfigCommands());
    }
}
