package dev.guildhall.slack.format;

import dev.guildhall.slack.gm.GmSyntaxException;
import org.junit.jupiter.api.Test;

import static dev.guildhall.slack.support.FakeCoreApi.json;
import static org.assertj.core.api.Assertions.assertThat;

class SlackFormatTest {

    private final SlackFormat format = new SlackFormat();

    @Test
    void anActiveWarCardShowsSidesScoreAndTheConfirmButtonsOfAPendingRound() {
        Reply r = format.warCard(json("""
                {'id':'w1','game':'chess','format':'ft3','status':'ACTIVE','expiresAt':'2030-01-01T00:00:00Z',
                 'sides':[{'players':[{'user':'slack:U1','accepted':true}],'wins':2},
                          {'players':[{'user':'slack:U2','accepted':true}],'wins':1}],
                 'rounds':[{'number':1,'winner':0,'status':'CONFIRMED'},{'number':2,'winner':1,'status':'CONFIRMED'},
                           {'number':3,'winner':0,'status':'CONFIRMED'},{'number':4,'winner':0,'status':'PENDING'}]}"""));
        String blocks = r.blocks().toString();
        assertThat(r.ephemeral()).isFalse();
        assertThat(blocks).contains("<@U1>").contains("<@U2>").contains("2 – 1").contains("Active")
                .contains("\"action_id\":\"gm.round.confirm\"").contains("\"value\":\"w1:4\"")
                .contains("gm.round.dispute").doesNotContain("gm.war.accept").contains("<!date^1893456000^");
        assertThat(r.blocks().get(0).path("type").asText()).isEqualTo("header");
    }

    @Test
    void aFinishedWarShowsTheWinnerAndRatingChangesWithoutButtons() {
        Reply r = format.warCard(json("""
                {'id':'w1','game':'chess','format':'ft1','status':'FINISHED','winner':0,
                 'sides':[{'players':[{'user':'slack:U1'}],'wins':1},{'players':[{'user':'slack:U2'}],'wins':0}],
                 'rounds':[{'number':1,'winner':0,'status':'CONFIRMED'}],
                 'ratingChanges':[{'user':'slack:U1','before':1000,'after':1016},{'user':'slack:U2','before':1000,'after':984}]}"""));
        String blocks = r.blocks().toString();
        assertThat(blocks).contains(":trophy:").contains("1000 → 1016 (+16)").contains("1000 → 984 (-16)")
                .doesNotContain("\"type\":\"actions\"");
    }

    @Test
    void textFromUsersIsEscaped() {
        Reply r = format.caseCard(json("{'number':1,'type':'warn','target':'slack:U2','reason':'<!channel> & co'}"));
        assertThat(r.blocks().toString()).contains("&lt;!channel&gt; &amp; co").doesNotContain("<!channel>");
    }

    @Test
    void syntaxErrorsAreEphemeralWithPartAndExample() {
        Reply r = format.syntaxError(new GmSyntaxException("war", "ftx", "is not a format", "/gm war @ann vs @bob game:chess ft3 12h"));
        assertThat(r.ephemeral()).isTrue();
        assertThat(r.toResponse().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(r.blocks().toString()).contains("`ftx`").contains("Usage: `/gm war").contains("Example");
    }

    @Test
    void responsesAndPosts() {
        Reply r = new Reply(false, "hi", null, true);
        assertThat(r.toResponse()).isEqualTo(json("{'response_type':'in_channel','text':'hi','replace_original':true}"));
        assertThat(r.toPostMessage("C1")).isEqualTo(json("{'channel':'C1','text':'hi'}"));
        assertThat(format.posted(json("{'number':4,'type':'ban','target':'slack:U2'}")).blocks().toString()).contains("Case #4");
        assertThat(format.posted(json("'plain words'")).text()).isEqualTo("plain words");
    }

    @Test
    void coreApisNeutralLogMessageBecomesBlocks() {
        Reply r = format.posted(json("""
                {'title':'Case 12 · ban','tone':'danger','timestamp':'2026-01-01T00:00:00Z',
                 'fields':[{'name':'Member','value':'slack:U2'},{'name':'Reason','value':'spam <here>'}]}"""));
        String blocks = r.blocks().toString();
        assertThat(r.text()).isEqualTo("Case 12 · ban");
        assertThat(blocks).contains(":red_circle: *Case 12 · ban*").contains("*Member*\\n<@U2>")
                .contains("spam &lt;here&gt;").contains("<!date^1767225600^");
    }
}
