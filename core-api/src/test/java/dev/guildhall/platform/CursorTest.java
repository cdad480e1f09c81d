package dev.guildhall.platform;

import dev.guildhall.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * DESIGN §9: a cursor is the API's own: one changed, forged or taken from another list is 400, never a wrong
 * page; the cursors it gives out still page through every list.
 */
@QuarkusTest
class CursorTest {

    private static final String PROBLEM = "application/problem+json";

    /** A list to page through with {@code limit=1}: who reads it and its URL (with any filters). */
    private record Listing(String name, Supplier<RequestSpecification> who, String url, String key) {}

    @Test
    void realCursorsPageThroughEveryList() {
        for (Listing list : listings()) {
            List<Object> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var page = list.who().get().queryParam("limit", 1).queryParam("cursor", cursor == null ? "" : cursor)
                        .get(list.url()).then().statusCode(200).extract();
                List<Object> items = page.path("items." + list.key());
                assertThat(items).as(list.name()).hasSizeLessThanOrEqualTo(1);
                seen.addAll(items);
                cursor = page.path("nextCursor");
                pages++;
            } while (cursor != null && pages < 5);
            List<Object> first = list.who().get().queryParam("limit", 100).get(list.url()).then().statusCode(200)
                    .extract().path("items." + list.key());
            assertThat(seen).as(list.name()).hasSizeGreaterThanOrEqualTo(2)
                    .isEqualTo(cursor == null ? first : first.subList(0, seen.size()));
        }
    }

    @Test
    void aChangedCursorIs400() {
        for (Listing list : listings()) {
            String cursor = firstCursor(list);
            for (String tampered : tamperings(cursor)) {
                list.who().get().queryParam("limit", 1).queryParam("cursor", tampered).get(list.url())
                        .then().log().ifValidationFails().statusCode(400).contentType(PROBLEM)
                        .body("errors[0].field", is("cursor"));
            }
        }
    }

    @Test
    void aForgedLeaderboardCursorCannotMakeUpRanks() {
        Listing board = listings().stream().filter(l -> l.name().equals("leaderboard")).findFirst().orElseThrow();
        String forged = base64("{\"u\":\"discord:0\",\"r\":2147483647,\"p\":-2147483648,\"k\":-2147483648}");
        board.who().get().queryParam("limit", 1).queryParam("cursor", forged).get(board.url())
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", is("cursor"));
    }

    @Test
    void aCursorOnlyWorksOnTheListThatGaveIt() {
        List<Listing> lists = listings();
        for (Listing from : lists) {
            String cursor = firstCursor(from);
            for (Listing to : lists) {
                if (to == from) continue;
                to.who().get().queryParam("limit", 1).queryParam("cursor", cursor).get(to.url())
                        .then().log().ifValidationFails().statusCode(400).body("errors[0].field", is("cursor"));
            }
        }
        // the same list with other filters is another list
        Listing wars = lists.stream().filter(l -> l.name().equals("wars")).findFirst().orElseThrow();
        wars.who().get().queryParam("limit", 1).queryParam("cursor", firstCursor(wars)).queryParam("game", "go")
                .get(wars.url()).then().statusCode(400);
    }

    private static String firstCursor(Listing list) {
        String cursor = list.who().get().queryParam("limit", 1).get(list.url()).then().statusCode(200)
                .extract().path("nextCursor");
        assertThat(cursor).as(list.name()).isNotNull();
        return cursor;
    }

    /** The cursor with one character changed, cut short, padded, or replaced by an unsigned position. */
    private static List<String> tamperings(String cursor) {
        List<String> out = new ArrayList<>();
        for (int i : new int[]{0, cursor.length() / 2, cursor.length() - 1}) {
            char c = cursor.charAt(i);
            out.add(cursor.substring(0, i) + (c == 'A' ? 'B' : 'A') + cursor.substring(i + 1));
        }
        out.add(cursor.substring(0, cursor.length() - 2));
        out.add(cursor + "A");
        out.add(base64("{\"id\":\"ffffffff-ffff-7fff-bfff-ffffffffffff\"}"));
        out.add(base64("{\"n\":999999}"));
        return out;
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Two or more items in each list the API pages: api keys, wars, cases, the audit log and a leaderboard. */
    private static List<Listing> listings() {
        String owner = Api.newUser();
        String server = Api.newServer(owner);
        String base = "/v1/servers/" + server;
        Api.createKey("cursor-a", "platform", List.of(), List.of());
        Api.createKey("cursor-b", "platform", List.of(), List.of());
        String a = Api.newUser(), b = Api.newUser(), c = Api.newUser();
        for (String[] pair : new String[][]{{a, b}, {b, c}, {c, a}}) {
            String war = Api.as(pair[0]).body(Map.of("game", "chess", "format", "ft1", "sides", List.of(List.of(pair[0]), List.of(pair[1]))))
                    .post(base + "/wars").then().statusCode(201).extract().path("id");
            Api.as(pair[1]).post("/v1/wars/" + war + "/accept").then().statusCode(200);
            Api.as(pair[1]).body(Map.of("winner", 0)).post("/v1/wars/" + war + "/rounds").then().statusCode(200);
        }
        String mod = Api.newUser();
        for (int i = 0; i < 3; i++) {
            Api.moderator(mod).body(Map.of("type", "note", "target", Map.of("user", Api.newUser()), "reason", "n" + i))
                    .post(base + "/cases").then().statusCode(201);
        }
        return List.of(
                new Listing("api keys", Api::admin, "/v1/admin/api-keys", "id"),
                new Listing("wars", Api::platform, base + "/wars", "id"),
                new Listing("cases", Api::platform, base + "/cases", "number"),
                new Listing("audit log", () -> Api.asOwner(owner), base + "/audit-log", "id"),
                new Listing("leaderboard", Api::platform, base + "/leaderboard?game=chess", "user"));
    }
}
