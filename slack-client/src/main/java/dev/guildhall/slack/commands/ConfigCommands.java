package dev.guildhall.slack.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.slack.core.CoreApi;
import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.format.SlackFormat;
import dev.guildhall.slack.gm.GmCommand;

import java.util.List;
import java.util.Set;

/** {@code /gm config}: show, or change one setting as a JSON merge patch; core-api validates and answers the result. */
public final class ConfigCommands implements CommandFamily {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final CoreApi core;
    private final SlackFormat format;

    public ConfigCommands(CoreApi core, SlackFormat format) {
        this.core = core;
        this.format = format;
    }

    @Override
    public Set<Class<? extends GmCommand>> commands() {
        return Set.of(GmCommand.Config.class);
    }

    @Override
    public Reply handle(GmCommand command, CommandContext ctx) {
        GmCommand.Config c = (GmCommand.Config) command;
        if (c.path() == null) {
            return format.config(core.config(ctx.server(), ctx.read()), null);
        }
        return format.config(core.patchConfig(ctx.server(), mergePatch(c.path(), c.reset() ? null : c.value()), ctx.call()),
                c.path());
    }

    /** {@code automod.enabled} and {@code true} → {@code {"automod":{"enabled":true}}}; a reset is a null. */
    static ObjectNode mergePatch(String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode root = F.objectNode();
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) node = node.putObject(parts[i]);
        node.set(parts[parts.length - 1], toJson(value));
        return root;
    }

    private static JsonNode toJson(Object value) {
        if (value == null) return F.nullNode();
        if (value instanceof Boolean b) return F.booleanNode(b);
        if (value instanceof Integer i) return F.numberNode(i);
        if (value instanceof Double d) return F.numberNode(d);
        if (value instanceof List<?> list) {
            var array = F.arrayNode();
            list.forEach(v -> array.add(toJson(v)));
            return array;
        }
        return F.textNode(value.toString());
    }
}
