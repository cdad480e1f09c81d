package dev.guildhall.discord.commands;

import java.util.Arrays;
import java.util.List;

/**
 * Button state lives in the component id: {@code prefix:action:arg1:arg2}, at most 100 characters
 * (Discord's limit). No state is kept in the bot, so any shard or restart can handle the click.
 */
public record ComponentId(String prefix, String action, List<String> args) {

    public static final int MAX_LENGTH = 100;

    public ComponentId {
        args = List.copyOf(args);
    }

    public static ComponentId of(String prefix, String action, String... args) {
        return new ComponentId(prefix, action, Arrays.asList(args));
    }

    public static ComponentId parse(String raw) {
        String[] parts = raw.split(":", -1);
        if (parts.length < 2) return new ComponentId(parts[0], "", List.of());
        return new ComponentId(parts[0], parts[1], Arrays.asList(parts).subList(2, parts.length));
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    public String encode() {
        StringBuilder b = new StringBuilder(prefix).append(':').append(action);
        for (String a : args) {
            if (a.indexOf(':') >= 0) throw new IllegalArgumentException("':' in component id argument " + a);
            b.append(':').append(a);
        }
        if (b.length() > MAX_LENGTH) throw new IllegalArgumentException("component id too long: " + b);
        return b.toString();
    }
}
