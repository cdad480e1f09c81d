package dev.guildhall.discord.commands;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A {@link CommandInput} from plain values, for command tests without Discord. */
final class MapInput implements CommandInput {

    static final long GUILD = 9;
    static final long ACTOR = 1;

    private final String name;
    private final String group;
    private final String sub;
    private final Map<String, Object> options = new HashMap<>();
    private final Map<String, MemberFacts> members = new HashMap<>();

    private MapInput(String name, String group, String sub) {
        this.name = name;
        this.group = group;
        this.sub = sub;
    }

    static MapInput command(String name) {
        return new MapInput(name, null, null);
    }

    static MapInput command(String name, String sub) {
        return new MapInput(name, null, sub);
    }

    static MapInput command(String name, String group, String sub) {
        return new MapInput(name, group, sub);
    }

    MapInput with(String option, Object value) {
        options.put(option, value);
        return this;
    }

    MapInput member(String option, long id, boolean owner, int topRole) {
        options.put(option, id);
        members.put(option, new MemberFacts(id, owner, topRole, false));
        return this;
    }

    @Override public String name() { return name; }
    @Override public String group() { return group; }
    @Override public String subcommand() { return sub; }

    @Override
    public Optional<String> string(String option) {
        return Optional.ofNullable(options.get(option)).map(String::valueOf);
    }

    @Override
    public OptionalLong integer(String option) {
        Object v = options.get(option);
        return v == null ? OptionalLong.empty() : OptionalLong.of(((Number) v).longValue());
    }

    @Override
    public Optional<Boolean> bool(String option) {
        return Optional.ofNullable((Boolean) options.get(option));
    }

    @Override public OptionalLong user(String option) { return integer(option); }
    @Override public Optional<MemberFacts> member(String option) { return Optional.ofNullable(members.get(option)); }
    @Override public OptionalLong channel(String option) { return integer(option); }
    @Override public OptionalLong role(String option) { return integer(option); }
    @Override public long guildId() { return GUILD; }
    @Override public long userId() { return ACTOR; }
}
