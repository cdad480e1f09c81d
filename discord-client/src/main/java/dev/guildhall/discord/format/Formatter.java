package dev.guildhall.discord.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.discord.Ids;
import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.ApiException;
import dev.guildhall.discord.commands.ComponentId;
import dev.guildhall.discord.commands.WarCommands;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every embed, button row and error text the bot shows: the one place Discord formatting lives. */
public final class Formatter {

    public static final String UNAVAILABLE =
            "Guildhall is not reachable right now. Please try again in a moment.";
    static final Color OK = new Color(0x2ecc71);
    static final Color INFO = new Color(0x3498db);
    static final Color WARN = new Color(0xf1c40f);
    static final Color BAD = new Color(0xe74c3c);
    static final int FIELD_MAX = MessageEmbed.VALUE_MAX_LENGTH;

    public MessageCreateData render(View view, JsonNode answer) {
        return switch (view) {
            case WAR -> war(answer);
            case WAR_LIST -> warList(answer);
            case LEADERBOARD -> leaderboard(answer);
            case PROFILE -> profile(answer);
            case CASE -> caseAnswer(answer);
            case CASE_LIST -> caseList(answer);
            case CONFIG -> config(answer);
            case SERVER -> text("Server registered: " + Json.text(answer, "name"));
            case DONE -> text("Done.");
        };
    }

    public MessageCreateData text(String text) {
        return new MessageCreateBuilder().setContent(truncate(text, 2000)).build();
    }

    /** The short, friendly text for a failed call (always shown ephemerally). */
    public String error(Throwable failure) {
        Throwable t = failure;
        while (!(t instanceof ApiException) && t.getCause() != null && t.getCause() != t) t = t.getCause();
        if (!(t instanceof ApiException e)) {
            return "Something went wrong on our side. Please try again.";
        }
        if (e.unavailable()) return UNAVAILABLE;
        if (e.status() == 429) {
            return "Slow down a little" + (e.retryAfterSeconds() == null ? "." : " — try again in "
                    + e.retryAfterSeconds() + " s.");
        }
        String detail = e.detail() != null && !e.detail().isBlank() ? e.detail() : e.title();
        return switch (e.status()) {
            case 403 -> "You can't do that: " + detail;
            case 404 -> "Not found: " + detail;
            default -> detail;
        };
    }

    // ---- wars

    public MessageCreateData war(JsonNode war) {
        return new MessageCreateBuilder().setEmbeds(warEmbed(war)).setComponents(warButtons(war)).build();
    }

    MessageEmbed warEmbed(JsonNode war) {
        String status = war.path("status").asText("?");
        EmbedBuilder e = new EmbedBuilder()
                .setTitle("⚔️ " + war.path("game").asText("war") + " · " + war.path("format").asText(""))
                .setColor(statusColor(status))
                .setFooter("War " + war.path("id").asText());
        StringBuilder d = new StringBuilder("**").append(status).append("**");
        if (war.hasNonNull("expiresAt") && List.of("PENDING", "ACTIVE", "DISPUTED").contains(status)) {
            d.append(" · deadline ").append(timestamp(war.path("expiresAt").asText()));
        }
        e.setDescription(d);
        JsonNode sides = war.path("sides");
        for (int i = 0; i < sides.size(); i++) {
            JsonNode side = sides.get(i);
            StringBuilder players = new StringBuilder();
            for (JsonNode p : side.path("players")) {
                players.append(Ids.mention(p.path("user").asText()))
                        .append(p.path("accepted").asBoolean(false) ? " ✅" : " ⏳").append('\n');
            }
            boolean won = war.path("winner").isInt() && war.path("winner").asInt() == i;
            e.addField("Side " + (i + 1) + (won ? " 🏆" : "") + " — " + side.path("wins").asInt(0) + " wins",
                    truncate(players.toString(), FIELD_MAX), true);
        }
        if (war.path("rounds").size() > 0) {
            StringBuilder r = new StringBuilder();
            for (JsonNode round : war.path("rounds")) {
                r.append("Round ").append(round.path("number").asInt()).append(": side ")
                        .append(round.path("winner").asInt() + 1).append(" · ")
                        .append(round.path("status").asText().toLowerCase(Locale.ROOT)).append('\n');
            }
            e.addField("Rounds", truncate(r.toString(), FIELD_MAX), false);
        }
        if (war.path("ratingChanges").size() > 0) {
            StringBuilder r = new StringBuilder();
            for (JsonNode c : war.path("ratingChanges")) {
                int before = c.path("before").asInt();
                int after = c.path("after").asInt();
                r.append(Ids.mention(c.path("user").asText())).append(' ').append(before).append(" → ")
                        .append(after).append(" (").append(after >= before ? "+" : "").append(after - before)
                        .append(")\n");
            }
            e.addField("Ratings", truncate(r.toString(), FIELD_MAX), false);
        }
        return e.build();
    }

    List<ActionRow> warButtons(JsonNode war) {
        String id = war.path("id").asText(null);
        if (id == null || id.isEmpty()) return List.of();
        List<Button> buttons = new ArrayList<>();
        String status = war.path("status").asText();
        if (status.equals("PENDING")) {
            buttons.add(Button.success(ComponentId.of(WarCommands.PREFIX, "accept", id).encode(), "Accept"));
            buttons.add(Button.danger(ComponentId.of(WarCommands.PREFIX, "decline", id).encode(), "Decline"));
        }
        if (status.equals("ACTIVE")) {
            for (JsonNode round : war.path("rounds")) {
                if (round.path("status").asText().equals("PENDING")) {
                    String n = round.path("number").asText();
                    buttons.add(Button.success(ComponentId.of(WarCommands.PREFIX, "confirm", id, n).encode(),
                            "Confirm round " + n));
                    buttons.add(Button.danger(ComponentId.of(WarCommands.PREFIX, "dispute", id, n).encode(),
                            "Dispute round " + n));
                    break;
                }
            }
        }
        return buttons.isEmpty() ? List.of() : List.of(ActionRow.of(buttons));
    }

    MessageCreateData warList(JsonNode page) {
        EmbedBuilder e = new EmbedBuilder().setTitle("Wars").setColor(INFO);
        StringBuilder d = new StringBuilder();
        for (JsonNode w : page.path("items")) {
            d.append('`').append(w.path("id").asText()).append("` ").append(w.path("game").asText()).append(' ')
                    .append(w.path("format").asText()).append(" · **").append(w.path("status").asText())
                    .append("** · ");
            List<String> sides = new ArrayList<>();
            for (JsonNode side : w.path("sides")) {
                List<String> names = new ArrayList<>();
                side.path("players").forEach(p -> names.add(Ids.mention(p.path("user").asText())));
                sides.add(String.join(" ", names));
            }
            d.append(String.join(" vs ", sides)).append('\n');
        }
        e.setDescription(d.isEmpty() ? "No wars." : truncate(d.toString(), MessageEmbed.DESCRIPTION_MAX_LENGTH));
        return new MessageCreateBuilder().setEmbeds(e.build()).build();
    }

    MessageCreateData leaderboard(JsonNode page) {
        EmbedBuilder e = new EmbedBuilder().setTitle("🏆 Leaderboard").setColor(INFO);
        StringBuilder d = new StringBuilder();
        for (JsonNode row : page.path("items")) {
            d.append('#').append(row.path("rank").asInt()).append(' ')
                    .append(Ids.mention(row.path("user").asText())).append(" — **")
                    .append(row.path("rating").asInt()).append("** (")
                    .append(row.path("wins").asInt()).append('-').append(row.path("losses").asInt()).append(")\n");
        }
        e.setDescription(d.isEmpty() ? "Nobody has played yet." : truncate(d.toString(),
                MessageEmbed.DESCRIPTION_MAX_LENGTH));
        return new MessageCreateBuilder().setEmbeds(e.build()).build();
    }

    MessageCreateData profile(JsonNode p) {
        EmbedBuilder e = new EmbedBuilder().setTitle("Profile").setColor(INFO)
                .setDescription(Ids.mention(p.path("user").asText()));
        for (JsonNode r : p.path("ratings")) {
            e.addField(r.path("game").asText(), "**" + r.path("rating").asInt() + "** · "
                    + r.path("wins").asInt() + "W " + r.path("losses").asInt() + "L · streak "
                    + r.path("streak").asInt(), true);
        }
        if (p.path("ratings").isEmpty()) e.addField("Ratings", "No wars played yet.", false);
        StringBuilder recent = new StringBuilder();
        for (JsonNode w : p.path("recentWars")) {
            recent.append('`').append(w.path("id").asText()).append("` ").append(w.path("game").asText())
                    .append(" · ").append(w.path("status").asText()).append('\n');
        }
        if (!recent.isEmpty()) e.addField("Recent wars", truncate(recent.toString(), FIELD_MAX), false);
        return new MessageCreateBuilder().setEmbeds(e.build()).build();
    }

    /**
     * Autocomplete choices from a core-api answer: at most 25, those whose label or value contains
     * what the user typed. {@code names} turns a user id into a display name.
     */
    public List<net.dv8tion.jda.api.interactions.commands.Command.Choice> choices(Choices kind, JsonNode answer,
            String typed, java.util.function.Function<String, String> names) {
        String needle = typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT);
        List<net.dv8tion.jda.api.interactions.commands.Command.Choice> out = new ArrayList<>();
        if (kind == Choices.WARS) {
            for (JsonNode w : answer.path("items")) {
                List<String> sides = new ArrayList<>();
                for (JsonNode side : w.path("sides")) {
                    List<String> players = new ArrayList<>();
                    side.path("players").forEach(p -> players.add(names.apply(p.path("user").asText())));
                    sides.add(String.join(", ", players));
                }
                String label = w.path("game").asText() + " " + w.path("format").asText() + " · "
                        + String.join(" vs ", sides) + " · " + w.path("status").asText();
                String id = w.path("id").asText();
                if (!needle.isEmpty() && !label.toLowerCase(Locale.ROOT).contains(needle) && !id.contains(needle)) {
                    continue;
                }
                out.add(new net.dv8tion.jda.api.interactions.commands.Command.Choice(truncate(label, 100), id));
                if (out.size() == 25) break;
            }
        }
        return out;
    }

    // ---- cases

    /** A case answer is {@code {"case":…, "escalation":…, "actions":[…]}} or a bare case. */
    MessageCreateData caseAnswer(JsonNode answer) {
        JsonNode c = answer.has("case") ? answer.get("case") : answer;
        List<MessageEmbed> embeds = new ArrayList<>();
        embeds.add(caseEmbed(c));
        JsonNode escalation = answer.path("escalation");
        if (escalation.isObject()) {
            embeds.add(new EmbedBuilder(caseEmbed(escalation)).setAuthor("Escalated automatically").build());
        }
        return new MessageCreateBuilder().setEmbeds(embeds).build();
    }

    public MessageEmbed caseEmbed(JsonNode c) {
        String type = c.path("type").asText("case");
        EmbedBuilder e = new EmbedBuilder()
                .setTitle("Case #" + c.path("number").asText("?") + " · " + type)
                .setColor(switch (type) {
                    case "ban", "kick" -> BAD;
                    case "warn", "timeout" -> WARN;
                    case "unban", "untimeout" -> OK;
                    default -> INFO;
                })
                .addField("User", Ids.mention(c.path("target").isObject() ? c.path("target").path("user").asText()
                        : c.path("target").asText()), true)
                .addField("Moderator", c.path("automatic").asBoolean(false) ? "automatic"
                        : Ids.mention(c.path("moderator").asText()), true);
        if (c.hasNonNull("reason")) e.addField("Reason", truncate(c.path("reason").asText(), FIELD_MAX), false);
        if (c.hasNonNull("expiresAt")) e.addField("Until", timestamp(c.path("expiresAt").asText()), true);
        return e.build();
    }

    MessageCreateData caseList(JsonNode page) {
        EmbedBuilder e = new EmbedBuilder().setTitle("Cases").setColor(INFO);
        StringBuilder d = new StringBuilder();
        for (JsonNode c : page.path("items")) {
            d.append("**#").append(c.path("number").asText()).append("** ").append(c.path("type").asText())
                    .append(' ').append(Ids.mention(c.path("target").isObject()
                            ? c.path("target").path("user").asText() : c.path("target").asText()));
            if (c.hasNonNull("reason")) d.append(" — ").append(truncate(c.path("reason").asText(), 80));
            d.append('\n');
        }
        e.setDescription(d.isEmpty() ? "No cases." : truncate(d.toString(), MessageEmbed.DESCRIPTION_MAX_LENGTH));
        return new MessageCreateBuilder().setEmbeds(e.build()).build();
    }

    MessageCreateData config(JsonNode config) {
        String json;
        try {
            json = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (Exception ex) {
            json = config.toString();
        }
        return new MessageCreateBuilder().setEmbeds(new EmbedBuilder().setTitle("Server configuration")
                .setColor(INFO)
                .setDescription("```json\n" + truncate(json, MessageEmbed.DESCRIPTION_MAX_LENGTH - 20) + "\n```")
                .build()).build();
    }

    /** A mod-log post: a case card when the message carries one, else its text. */
    public MessageCreateData modLog(JsonNode message) {
        if (message == null || message.isNull()) return text("(empty mod-log entry)");
        if (message.isTextual()) return text(message.asText());
        if (message.has("case")) return caseAnswer(message);
        if (message.has("number") && message.has("type")) {
            return new MessageCreateBuilder().setEmbeds(caseEmbed(message)).build();
        }
        // core-api's platform-neutral LogMessage: title, tone, fields [{name, value}], timestamp
        String title = Json.text(message, "title");
        String body = firstNonNull(Json.text(message, "text"), Json.text(message, "content"),
                Json.text(message, "description"));
        if (title == null && body == null && !message.has("fields")) return text(message.toString());
        EmbedBuilder e = new EmbedBuilder().setColor(tone(Json.text(message, "tone")))
                .setTitle(title == null ? null : truncate(title, MessageEmbed.TITLE_MAX_LENGTH));
        if (body != null) e.setDescription(truncate(body, MessageEmbed.DESCRIPTION_MAX_LENGTH));
        int n = 0;
        for (JsonNode field : message.path("fields")) {
            if (n++ == 25) break; // Discord's limit
            String value = Json.text(field, "value");
            e.addField(truncate(field.path("name").asText("-"), MessageEmbed.TITLE_MAX_LENGTH),
                    Ids.snowflake(value) >= 0 && value.startsWith(Ids.PLATFORM + ":") ? Ids.mention(value)
                            : truncate(value == null ? "-" : value, FIELD_MAX), true);
        }
        if (message.hasNonNull("timestamp")) {
            try {
                e.setTimestamp(java.time.Instant.parse(message.get("timestamp").asText()));
            } catch (RuntimeException ignored) {
                // not an instant: leave it out
            }
        }
        return new MessageCreateBuilder().setEmbeds(e.build()).build();
    }

    private static String firstNonNull(String... values) {
        for (String v : values) if (v != null) return v;
        return null;
    }

    static Color tone(String tone) {
        return switch (tone == null ? "" : tone) {
            case "danger" -> BAD;
            case "success" -> OK;
            case "info" -> INFO;
            default -> WARN;
        };
    }

    static Color statusColor(String status) {
        return switch (status) {
            case "PENDING" -> WARN;
            case "ACTIVE" -> INFO;
            case "FINISHED" -> OK;
            default -> BAD;
        };
    }

    /** Discord's own relative timestamp for an ISO instant. */
    static String timestamp(String iso) {
        try {
            return "<t:" + java.time.Instant.parse(iso).getEpochSecond() + ":R>";
        } catch (Exception e) {
            return iso;
        }
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
