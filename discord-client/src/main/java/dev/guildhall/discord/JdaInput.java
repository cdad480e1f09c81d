package dev.guildhall.discord;

import dev.guildhall.discord.commands.CommandInput;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.interactions.commands.CommandInteractionPayload;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.Interaction;

import java.util.Optional;
import java.util.OptionalLong;

/** {@link CommandInput} over a JDA interaction (slash options; buttons have none). */
final class JdaInput implements CommandInput {

    private final Interaction interaction;
    private final CommandInteractionPayload payload;

    JdaInput(Interaction interaction, CommandInteractionPayload payload) {
        this.interaction = interaction;
        this.payload = payload;
    }

    private Optional<OptionMapping> opt(String name) {
        return payload == null ? Optional.empty() : Optional.ofNullable(payload.getOption(name));
    }

    @Override
    public String name() {
        return payload == null ? null : payload.getName();
    }

    @Override
    public String group() {
        return payload == null ? null : payload.getSubcommandGroup();
    }

    @Override
    public String subcommand() {
        return payload == null ? null : payload.getSubcommandName();
    }

    @Override
    public Optional<String> string(String option) {
        return opt(option).map(OptionMapping::getAsString);
    }

    @Override
    public OptionalLong integer(String option) {
        return opt(option).map(o -> OptionalLong.of(o.getAsLong())).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<Boolean> bool(String option) {
        return opt(option).map(OptionMapping::getAsBoolean);
    }

    @Override
    public OptionalLong user(String option) {
        return opt(option).map(o -> OptionalLong.of(o.getAsUser().getIdLong())).orElse(OptionalLong.empty());
    }

    @Override
    public Optional<MemberFacts> member(String option) {
        return opt(option).map(OptionMapping::getAsMember).map(JdaInput::facts);
    }

    static MemberFacts facts(Member m) {
        return new MemberFacts(m.getIdLong(), m.isOwner(), Actors.topRole(m),
                m.getIdLong() == m.getJDA().getSelfUser().getIdLong());
    }

    @Override
    public OptionalLong channel(String option) {
        return opt(option).map(o -> OptionalLong.of(o.getAsLong())).orElse(OptionalLong.empty());
    }

    @Override
    public OptionalLong role(String option) {
        return opt(option).map(o -> OptionalLong.of(o.getAsLong())).orElse(OptionalLong.empty());
    }

    @Override
    public long guildId() {
        return interaction.getGuild() == null ? 0 : interaction.getGuild().getIdLong();
    }

    @Override
    public long userId() {
        return interaction.getUser().getIdLong();
    }
}
