package dev.guildhall.discord.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.discord.Json;
import dev.guildhall.discord.api.ApiException;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class FormatterTest {

    final Formatter f = new Formatter();

    static final JsonNode PENDING = Json.parse("""
            {"id":"w1","server":"discord:9","game":"chess","format":"ft3","winsNeeded":3,"status":"PENDING",
             "expiresAt":"2030-01-01T00:00:00Z",
             "sides":[{"players":[{"user":"discord:1","accepted":true}],"wins":0},
                      {"players":[{"user":"discord:2","accepted":false}],"wins":0}],
             "rounds":[],"winner":null,"ratingChanges":[]}""");

    @Test
    void pendingWarCardHasAcceptAndDeclineButtons() {
        MessageCreateData m = f.render(View.WAR, PENDING);
        MessageEmbed e = m.getEmbeds().get(0);
        assertThat(e.getTitle()).contains("chess").contains("ft3");
        assertThat(e.getDescription()).contains("PENDING").contains("<t:1893456000:R>");
        assertThat(e.getFields()).extracting(MessageEmbed.Field::getValue)
                .anySatisfy(v -> assertThat(v).contains("<@1> ✅"))
                .anySatisfy(v -> assertThat(v).contains("<@2> ⏳"));
        assertThat(buttonIds(m)).containsExactly("war:accept:w1", "war:decline:w1");
    }

    @Test
    void activeWarWithAPendingRoundOffersConfirmAndDispute() {
        JsonNode war = Json.parse("""
                {"id":"w1","game":"chess","format":"ft3","status":"ACTIVE",
                 "sides":[{"players":[{"user":"discord:1","accepted":true}],"wins":1},
                          {"players":[{"user":"discord:2","accepted":true}],"wins":0}],
                 "rounds":[{"number":1,"winner":0,"status":"CONFIRMED"},{"number":2,"winner":0,"status":"PENDING"}]}""");
        assertThat(buttonIds(f.render(View.WAR, war))).containsExactly("war:confirm:w1:2", "war:dispute:w1:2");
    }

    @Test
    void finishedWarShowsWinnerAndRatingsAndNoButtons() {
        JsonNode war = Json.parse("""
                {"id":"w1","game":"chess","format":"ft1","status":"FINISHED","winner":0,
                 "sides":[{"players":[{"user":"discord:1","accepted":true}],"wins":1},
                          {"players":[{"user":"discord:2","accepted":true}],"wins":0}],
                 "rounds":[{"number":1,"winner":0,"status":"CONFIRMED"}],
                 "ratingChanges":[{"user":"discord:1","before":1000,"after":1016},
                                  {"user":"discord:2","before":1000,"after":984}]}""");
        MessageCreateData m = f.render(View.WAR, war);
        String fields = text(m.getEmbeds().get(0));
        assertThat(fields).contains("🏆").contains("1000 → 1016 (+16)").contains("1000 → 984 (-16)");
        assertThat(m.getComponents()).isEmpty();
    }

    @Test
    void caseAnswerShowsTheCaseAndItsEscalation() {
        JsonNode answer = Json.parse("""
                {"case":{"number":12,"type":"warn","target":"discord:2","moderator":"discord:1","reason":"spam",
                         "automatic":false},
                 "escalation":{"number":13,"type":"timeout","target":"discord:2","moderator":"discord:0",
                         "automatic":true,"expiresAt":"2030-01-01T00:00:00Z"},
                 "actions":[]}""");
        List<MessageEmbed> embeds = f.render(View.CASE, answer).getEmbeds();
        assertThat(embeds).hasSize(2);
        assertThat(embeds.get(0).getTitle()).isEqualTo("Case #12 · warn");
        assertThat(text(embeds.get(0))).contains("<@2>").contains("<@1>").contains("spam");
        assertThat(embeds.get(1).getTitle()).isEqualTo("Case #13 · timeout");
        assertThat(text(embeds.get(1))).contains("automatic");
    }

    @Test
    void leaderboardListsRanks() {
        String d = f.render(View.LEADERBOARD, Json.parse("""
                {"items":[{"rank":1,"user":"discord:1","rating":1016,"wins":1,"losses":0,"played":1},
                          {"rank":2,"user":"discord:2","rating":984,"wins":0,"losses":1,"played":1}]}"""))
                .getEmbeds().get(0).getDescription();
        assertThat(d).isEqualTo("#1 <@1> — **1016** (1-0)\n#2 <@2> — **984** (0-1)\n");
        assertThat(f.render(View.LEADERBOARD, Json.parse("{\"items\":[]}")).getEmbeds().get(0).getDescription())
                .isEqualTo("Nobody has played yet.");
    }

    @Test
    void errorsAreShortAndFriendly() {
        assertThat(f.error(new CompletionException(ApiException.unreachable("refused", null))))
                .isEqualTo(Formatter.UNAVAILABLE);
        assertThat(f.error(ApiException.problem(503, "Database unavailable", null, null)))
                .isEqualTo(Formatter.UNAVAILABLE);
        assertThat(f.error(ApiException.problem(422, "Rule refused", "You cannot war yourself", null)))
                .isEqualTo("You cannot war yourself");
        assertThat(f.error(ApiException.problem(403, "Forbidden", "needs BAN_MEMBERS", null)))
                .isEqualTo("You can't do that: needs BAN_MEMBERS");
        assertThat(f.error(ApiException.problem(429, "Too many", null, 7L))).contains("7 s");
        assertThat(f.error(new IllegalStateException("bug"))).contains("try again");
    }

    @Test
    void modLogPostOfACaseIsACaseCard() {
        MessageCreateData m = f.modLog(Json.parse(
                "{\"number\":4,\"type\":\"ban\",\"target\":\"discord:2\",\"moderator\":\"discord:1\"}"));
        assertThat(m.getEmbeds().get(0).getTitle()).isEqualTo("Case #4 · ban");
        assertThat(f.modLog(Json.parse("{\"title\":\"Raid\",\"text\":\"10 joins in 10 s\"}")).getEmbeds().get(0)
                .getDescription()).isEqualTo("10 joins in 10 s");
        MessageEmbed log = f.modLog(Json.parse("""
                {"title":"Case 12 · ban","tone":"danger","timestamp":"2026-11-22T08:00:00Z",
                 "fields":[{"name":"User","value":"discord:2"},{"name":"Reason","value":"spam"}]}""")).getEmbeds().get(0);
        assertThat(log.getTitle()).isEqualTo("Case 12 · ban");
        assertThat(log.getColor()).isEqualTo(Formatter.BAD);
        assertThat(text(log)).isEqualTo("User: <@2>\nReason: spam\n");
        assertThat(log.getTimestamp()).isNotNull();
    }

    static String text(MessageEmbed e) {
        StringBuilder b = new StringBuilder();
        e.getFields().forEach(f -> b.append(f.getName()).append(": ").append(f.getValue()).append('\n'));
        return b.toString();
    }

    static List<String> buttonIds(MessageCreateData m) {
        return m.getComponents().stream().map(c -> (ActionRow) c)
                .flatMap(r -> r.getComponents().stream())
                .map(c -> ((Button) c).getCustomId()).toList();
    }
}
