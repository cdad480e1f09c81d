package dev.guildhall.slack.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.guildhall.slack.core.CoreApiException;
import dev.guildhall.slack.gm.GmSyntaxException;
import dev.guildhall.slack.gm.GmUsage;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every Slack message Guildhall shows, as Block Kit, in one place: war cards (sides, score, buttons),
 * leaderboard tables, profiles, case cards, config, help and errors. It only presents what core-api
 * answered; it decides nothing.
 */
public final class SlackFormat {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    // ---------------------------------------------------------------- help and errors

    public Reply help(String topic) {
        ArrayNode blocks = F.arrayNode();
        if (topic != null) {
            GmUsage.Entry e = GmUsage.of(topic).orElseThrow();
            blocks.add(header("/gm " + e.name()));
            blocks.add(section("`/gm " + escape(e.usage()) + "`\n" + escape(e.purpose())
                    + (e.moderator() ? "\n_Needs moderator rights._" : "")));
            blocks.add(context("Example: `" + escape(e.example()) + "`"));
            return new Reply(true, "/gm " + e.usage(), blocks, false);
        }
        blocks.add(header("Guildhall commands"));
        StringBuilder players = new StringBuilder("*Wars*\n");
        StringBuilder mods = new StringBuilder("*Moderation*\n");
        for (GmUsage.Entry e : GmUsage.all()) {
            (e.moderator() ? mods : players).append("`/gm ").append(escape(e.usage())).append("` — ")
                    .append(escape(e.purpose())).append('\n');
        }
        blocks.add(section(players.toString().trim()));
        blocks.add(section(mods.toString().trim()));
        blocks.add(context("`/gm help <command>` shows one command with an example."));
        return new Reply(true, "Guildhall commands: /gm help <command> for details", blocks, false);
    }

    public Reply syntaxError(GmSyntaxException e) {
        String what = e.command() == null ? "" : " `/gm " + e.command() + "`";
        String line = e.part() == null
                ? "I couldn't read that" + what + ": " + e.problem()
                : "I couldn't read that" + what + ": `" + escape(e.part()) + "` " + escape(e.problem()) + ".";
        ArrayNode blocks = F.arrayNode();
        blocks.add(section(":thinking_face: " + line));
        GmUsage.of(e.command()).ifPresent(u -> blocks.add(context("Usage: `/gm " + escape(u.usage()) + "`")));
        blocks.add(context("Example: `" + escape(e.example()) + "`"));
        return new Reply(true, line + " Example: " + e.example(), blocks, false);
    }

    /** core-api said no: its detail is written for people, its field errors say which part. */
    public Reply refused(CoreApiException e) {
        String title = e.status() == 403 ? "You can't do that here"
                : e.status() == 404 ? "Not found"
                : e.status() == 429 ? "Slow down a little"
                : e.title() == null ? "That didn't work" : e.title();
        StringBuilder text = new StringBuilder(":no_entry: *").append(escape(title)).append("*");
        if (e.detail() != null && !e.detail().isBlank()) text.append("\n").append(escape(e.detail()));
        for (CoreApiException.FieldError f : e.errors()) {
            text.append("\n• `").append(escape(f.field())).append("` ").append(escape(f.message()));
        }
        ArrayNode blocks = F.arrayNode();
        blocks.add(section(text.toString()));
        return new Reply(true, title + (e.detail() == null ? "" : ": " + e.detail()), blocks, false);
    }

    public Reply unavailable() {
        String text = ":hourglass: Guildhall can't be reached right now. Please try again in a minute.";
        ArrayNode blocks = F.arrayNode();
        blocks.add(section(text));
        return new Reply(true, "Guildhall can't be reached right now. Please try again in a minute.", blocks, false);
    }

    public Reply working() {
        return new Reply(true, "Working on it…", null, false);
    }

    public Reply note(String mrkdwn) {
        ArrayNode blocks = F.arrayNode();
        blocks.add(section(mrkdwn));
        return new Reply(true, mrkdwn, blocks, false);
    }

    // ---------------------------------------------------------------- wars

    public Reply warCard(JsonNode war) {
        String id = war.path("id").asText();
        String status = war.path("status").asText("");
        JsonNode sides = war.path("sides");
        ArrayNode blocks = F.arrayNode();
        blocks.add(header(":crossed_swords: " + war.path("game").asText("war") + " · "
                + war.path("format").asText("")));
        ObjectNode fields = F.objectNode().put("type", "section");
        ArrayNode f = fields.putArray("fields");
        for (int i = 0; i < 2; i++) {
            JsonNode side = sides.path(i);
            StringBuilder players = new StringBuilder("*Side " + (i + 1) + "*");
            if (war.path("winner").isInt() && war.path("winner").asInt() == i) players.append(" :trophy:");
            for (JsonNode p : side.path("players")) {
                players.append("\n").append(mention(p.path("user").asText()));
                if ("PENDING".equals(status)) players.append(p.path("accepted").asBoolean() ? " :white_check_mark:" : " :hourglass:");
            }
            f.add(mrkdwn(players.toString()));
        }
        f.add(mrkdwn("*Score*\n" + sides.path(0).path("wins").asInt() + " – " + sides.path(1).path("wins").asInt()));
        f.add(mrkdwn("*Status*\n" + pretty(status)));
        blocks.add(fields);
        List<String> rounds = new ArrayList<>();
        for (JsonNode r : war.path("rounds")) {
            String s = r.path("status").asText();
            rounds.add("Round " + r.path("number").asInt() + ": Side " + (r.path("winner").asInt() + 1)
                    + ("CONFIRMED".equals(s) ? " :heavy_check_mark:" : "PENDING".equals(s) ? " — waiting for the other side"
                    : " — " + pretty(s)));
        }
        if (!rounds.isEmpty()) blocks.add(section(String.join("\n", rounds)));
        if (war.path("ratingChanges").isArray() && !war.path("ratingChanges").isEmpty()) {
            StringBuilder changes = new StringBuilder("*Ratings*");
            for (JsonNode c : war.path("ratingChanges")) {
                int before = c.path("before").asInt();
                int after = c.path("after").asInt();
                changes.append("\n").append(mention(c.path("user").asText())).append(" ").append(before).append(" → ")
                        .append(after).append(" (").append(after >= before ? "+" : "").append(after - before).append(")");
            }
            blocks.add(section(changes.toString()));
        }
        ArrayNode buttons = F.arrayNode();
        switch (status) {
            case "PENDING" -> {
                buttons.add(button("Accept", Buttons.ACCEPT, id, "primary"));
                buttons.add(button("Decline", Buttons.DECLINE, id, "danger"));
            }
            case "ACTIVE" -> {
                JsonNode pending = null;
                for (JsonNode r : war.path("rounds")) {
                    if ("PENDING".equals(r.path("status").asText())) pending = r;
                }
                if (pending != null) {
                    String v = id + ":" + pending.path("number").asInt();
                    buttons.add(button("Confirm round " + pending.path("number").asInt(), Buttons.CONFIRM, v, "primary"));
                    buttons.add(button("Dispute", Buttons.DISPUTE, v, "danger"));
                } else {
                    buttons.add(button("Side 1 won", Buttons.REPORT + "0", id + ":0", null));
                    buttons.add(button("Side 2 won", Buttons.REPORT + "1", id + ":1", null));
                }
            }
            default -> { }
        }
        if (!buttons.isEmpty()) {
            blocks.add(F.objectNode().put("type", "actions").put("block_id", "war:" + id).set("elements", buttons));
        }
        String expires = war.path("expiresAt").asText(null);
        blocks.add(context("War `" + escape(id) + "`"
                + (expires != null && ("PENDING".equals(status) || "ACTIVE".equals(status)) ? " · ends " + date(expires) : "")));
        String text = "War " + id + ": " + war.path("game").asText() + " " + war.path("format").asText() + ", "
                + pretty(status) + ", " + sides.path(0).path("wins").asInt() + "–" + sides.path(1).path("wins").asInt();
        return new Reply(false, text, blocks, false);
    }

    public Reply warList(JsonNode page) {
        ArrayNode blocks = F.arrayNode();
        blocks.add(header("Wars"));
        List<String> lines = new ArrayList<>();
        for (JsonNode w : page.path("items")) {
            lines.add("`" + escape(w.path("id").asText()) + "` " + escape(w.path("game").asText()) + " "
                    + escape(w.path("format").asText()) + " · " + players(w.path("sides").path(0)) + " vs "
                    + players(w.path("sides").path(1)) + " · " + w.path("sides").path(0).path("wins").asInt() + "–"
                    + w.path("sides").path(1).path("wins").asInt() + " · " + pretty(w.path("status").asText()));
        }
        blocks.add(section(lines.isEmpty() ? "No wars yet. Start one with `/gm war @a vs @b game:chess ft3`." : String.join("\n", lines)));
        if (!page.path("nextCursor").isNull() && !page.path("nextCursor").isMissingNode()) {
            blocks.add(context("More wars exist; narrow the list with `/gm list active`."));
        }
        return new Reply(true, lines.size() + " wars", blocks, false);
    }

    public Reply leaderboard(String game, JsonNode page) {
        ArrayNode blocks = F.arrayNode();
        blocks.add(header(":trophy: Leaderboard" + (game == null ? "" : " · " + game)));
        List<String> lines = new ArrayList<>();
        for (JsonNode row : page.path("items")) {
            lines.add("*" + row.path("rank").asInt() + ".* " + mention(row.path("user").asText()) + " — *"
                    + row.path("rating").asInt() + "*  (" + row.path("wins").asInt() + "W " + row.path("losses").asInt()
                    + "L, " + row.path("played").asInt() + " played)");
        }
        blocks.add(section(lines.isEmpty() ? "Nobody has finished a war yet." : String.join("\n", lines)));
        blocks.add(context("Rank · player · rating (Elo) · wins and losses"));
        return new Reply(false, "Leaderboard" + (game == null ? "" : " for " + game), blocks, false);
    }

    public Reply profile(JsonNode profile) {
        ArrayNode blocks = F.arrayNode();
        String user = profile.path("user").asText();
        blocks.add(section("*Profile of* " + mention(user)));
        List<String> lines = new ArrayList<>();
        for (JsonNode r : profile.path("ratings")) {
            int streak = r.path("streak").asInt();
            lines.add("*" + escape(r.path("game").asText()) + "* — " + r.path("rating").asInt() + " · "
                    + r.path("wins").asInt() + "W " + r.path("losses").asInt() + "L"
                    + (streak != 0 ? " · streak " + (streak > 0 ? "+" : "") + streak : ""));
        }
        blocks.add(section(lines.isEmpty() ? "No finished wars yet." : String.join("\n", lines)));
        List<String> recent = new ArrayList<>();
        for (JsonNode w : profile.path("recentWars")) {
            recent.add("`" + escape(w.path("id").asText()) + "` " + escape(w.path("game").asText()) + " · "
                    + pretty(w.path("status").asText()));
        }
        if (!recent.isEmpty()) blocks.add(context("Recent: " + String.join(" · ", recent)));
        return new Reply(true, "Profile of " + user, blocks, false);
    }

    // ---------------------------------------------------------------- moderation

    /** The answer to a moderation command: the case, and the automatic case escalation added. */
    public Reply caseCreated(JsonNode answer) {
        ArrayNode blocks = caseBlocks(answer.path("case"));
        JsonNode escalation = answer.path("escalation");
        if (escalation.isObject()) {
            blocks.add(section(":rotating_light: *Escalation:* this led to case #" + escalation.path("number").asInt()
                    + " (" + escape(escalation.path("type").asText()) + ")"));
            blocks.addAll(caseBlocks(escalation));
        }
        return new Reply(true, "Case #" + answer.path("case").path("number").asInt() + " recorded", blocks, false);
    }

    public Reply caseCard(JsonNode c) {
        return new Reply(true, "Case #" + c.path("number").asInt(), caseBlocks(c), false);
    }

    private ArrayNode caseBlocks(JsonNode c) {
        ArrayNode blocks = F.arrayNode();
        blocks.add(header("Case #" + c.path("number").asInt() + " · " + c.path("type").asText()));
        ObjectNode fields = F.objectNode().put("type", "section");
        ArrayNode f = fields.putArray("fields");
        f.add(mrkdwn("*Member*\n" + mention(c.path("target").asText())));
        f.add(mrkdwn("*Moderator*\n" + (c.path("automatic").asBoolean() || c.path("moderator").isNull()
                ? "Guildhall (automatic)" : mention(c.path("moderator").asText()))));
        f.add(mrkdwn("*Reason*\n" + (c.path("reason").isTextual() ? escape(c.path("reason").asText()) : "_none given_")));
        if (c.path("expiresAt").isTextual()) f.add(mrkdwn("*Until*\n" + date(c.path("expiresAt").asText())));
        blocks.add(fields);
        if (c.path("createdAt").isTextual()) blocks.add(context("Recorded " + date(c.path("createdAt").asText())));
        return blocks;
    }

    public Reply caseList(JsonNode page) {
        ArrayNode blocks = F.arrayNode();
        blocks.add(header("Cases"));
        List<String> lines = new ArrayList<>();
        for (JsonNode c : page.path("items")) {
            lines.add("*#" + c.path("number").asInt() + "* " + escape(c.path("type").asText()) + " · "
                    + mention(c.path("target").asText()) + (c.path("reason").isTextual()
                    ? " · " + escape(c.path("reason").asText()) : ""));
        }
        blocks.add(section(lines.isEmpty() ? "No cases." : String.join("\n", lines)));
        return new Reply(true, lines.size() + " cases", blocks, false);
    }

    // ---------------------------------------------------------------- config and platform actions

    public Reply config(JsonNode config, String changed) {
        ArrayNode blocks = F.arrayNode();
        if (changed != null) blocks.add(section(":white_check_mark: `" + escape(changed) + "` updated."));
        String text;
        try {
            text = PRETTY.writeValueAsString(config);
        } catch (Exception e) {
            text = config.toString();
        }
        if (text.length() > 2900) text = text.substring(0, 2900) + "\n…";
        blocks.add(section("```" + escape(text) + "```"));
        blocks.add(context("Change a setting: `/gm config set automod.enabled true` · reset: `/gm config reset automod`"));
        return new Reply(true, changed == null ? "Workspace settings" : changed + " updated", blocks, false);
    }

    /** A message core-api asked to post (mod-log entry, welcome …): its text, or a case card. */
    public Reply posted(JsonNode message) {
        if (message.isTextual()) return new Reply(false, message.asText(), null, false);
        if (message.has("number") && message.has("type")) {
            return new Reply(false, "Case #" + message.path("number").asInt(), caseBlocks(message), false);
        }
        if (message.path("case").isObject()) return posted(message.path("case"));
        if (message.has("title") || message.has("fields")) return logMessage(message);
        String text = message.path("text").asText(message.path("content").asText(message.toString()));
        return new Reply(false, text, null, false);
    }

    /** core-api's platform-neutral rich message (title, tone, fields, timestamp), as Block Kit. */
    private Reply logMessage(JsonNode m) {
        String tone = switch (m.path("tone").asText("")) {
            case "danger" -> ":red_circle: ";
            case "warning" -> ":large_orange_circle: ";
            case "success" -> ":large_green_circle: ";
            default -> ":large_blue_circle: ";
        };
        String title = m.path("title").asText("Guildhall");
        ArrayNode blocks = F.arrayNode();
        blocks.add(section(tone + "*" + escape(title) + "*"));
        ObjectNode fields = F.objectNode().put("type", "section");
        ArrayNode f = fields.putArray("fields");
        for (JsonNode field : m.path("fields")) {
            if (f.size() == 10) break;
            String value = field.path("value").asText("");
            f.add(mrkdwn("*" + escape(field.path("name").asText()) + "*\n"
                    + (value.matches("slack:[A-Z0-9]+") ? mention(value) : escape(value))));
        }
        if (!f.isEmpty()) blocks.add(fields);
        if (m.path("timestamp").isTextual()) blocks.add(context(date(m.path("timestamp").asText())));
        return new Reply(false, title, blocks, false);
    }

    // ---------------------------------------------------------------- building blocks

    /** {@code slack:U123} → a Slack mention; anything else shown as code. */
    public static String mention(String chatId) {
        if (chatId != null && chatId.startsWith("slack:")) return "<@" + chatId.substring(6) + ">";
        return chatId == null || chatId.isEmpty() ? "_nobody_" : "`" + escape(chatId) + "`";
    }

    private static String players(JsonNode side) {
        List<String> names = new ArrayList<>();
        for (JsonNode p : side.path("players")) names.add(mention(p.path("user").asText()));
        return String.join(", ", names);
    }

    /** Slack's three control characters in mrkdwn. */
    public static String escape(String text) {
        if (text == null) return "";
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String pretty(String status) {
        if (status == null || status.isEmpty()) return "";
        return status.charAt(0) + status.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String date(String iso) {
        try {
            long epoch = Instant.parse(iso).getEpochSecond();
            return "<!date^" + epoch + "^{date_short_pretty} {time}|" + escape(iso) + ">";
        } catch (DateTimeParseException e) {
            return escape(iso);
        }
    }

    private static ObjectNode header(String text) {
        String t = text.length() > 150 ? text.substring(0, 149) + "…" : text;
        return F.objectNode().put("type", "header").set("text", plain(t));
    }

    private static ObjectNode section(String mrkdwn) {
        String t = mrkdwn.length() > 3000 ? mrkdwn.substring(0, 2999) + "…" : mrkdwn;
        return F.objectNode().put("type", "section").set("text", mrkdwn(t));
    }

    private static ObjectNode context(String mrkdwn) {
        ObjectNode node = F.objectNode().put("type", "context");
        node.putArray("elements").add(mrkdwn(mrkdwn));
        return node;
    }

    private static ObjectNode mrkdwn(String text) {
        return F.objectNode().put("type", "mrkdwn").put("text", text);
    }

    private static ObjectNode plain(String text) {
        return F.objectNode().put("type", "plain_text").put("text", text).put("emoji", true);
    }

    private static ObjectNode button(String label, String actionId, String value, String style) {
        ObjectNode b = F.objectNode().put("type", "button").put("action_id", actionId).put("value", value);
        b.set("text", plain(label));
        if (style != null) b.put("style", style);
        return b;
    }
}
