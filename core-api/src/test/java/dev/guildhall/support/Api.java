package dev.guildhall.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * REST Assured helpers for the black-box tests: keys, servers and actors, so each test reads as
 * the calls a user would make. Every test uses fresh server ids, so tests never depend on each other.
 */
public final class Api {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);
    private static volatile String platformKey;

    private Api() {}

    /** A fresh numeric id for servers and users, unique within the test run. */
    public static long nextId() {
        return IDS.incrementAndGet();
    }

    public static RequestSpecification admin() {
        return RestAssured.given().header("Authorization", "Bearer " + TestDatabase.ADMIN_KEY)
                .contentType(ContentType.JSON);
    }

    /** The shared platform key (created once through the admin API). */
    public static String platformKey() {
        if (platformKey == null) {
            synchronized (Api.class) {
                if (platformKey == null) platformKey = createKey("test-platform", "platform", List.of(), List.of());
            }
        }
        return platformKey;
    }

    public static String createKey(String name, String kind, List<String> scopes, List<String> servers) {
        return admin().body(Map.of("name", name, "kind", kind, "scopes", scopes, "servers", servers))
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
    }

    /** The listed key named {@code name} (the latest of that name), paging through every key; null when none. */
    public static Map<String, Object> listedKey(String name) {
        Map<String, Object> found = null;
        String cursor = null;
        do {
            var page = admin().queryParam("limit", 100).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/v1/admin/api-keys").then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> k : page.<Map<String, Object>>getList("items")) {
                if (name.equals(k.get("name")) && (found == null
                        || String.valueOf(k.get("createdAt")).compareTo(String.valueOf(found.get("createdAt"))) > 0)) {
                    found = k;
                }
            }
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return found;
    }

    /** A platform key bound to {@code platform} (discord or slack), for every server of it. */
    public static String boundPlatformKey(String name, String platform) {
        return admin().body(Map.of("name", name, "kind", "platform", "platform", platform))
                .post("/v1/admin/api-keys").then().statusCode(201).extract().path("key");
    }

    /** A platform call with no actor (the adapter itself). */
    public static RequestSpecification platform() {
        return RestAssured.given().header("Authorization", "Bearer " + platformKey()).contentType(ContentType.JSON);
    }

    /** A platform call acting for {@code user} with the given chat permissions. */
    public static RequestSpecification as(String user, String... permissions) {
        return platform().header("X-Actor-Id", user).header("X-Actor-Name", "user " + user)
                .header("X-Actor-Permissions", String.join(",", permissions));
    }

    /** A platform call acting for the server's owner. */
    public static RequestSpecification asOwner(String user) {
        return as(user).header("X-Actor-Owner", "true");
    }

    /** A moderator with every moderation permission and top role {@code 10}. */
    public static RequestSpecification moderator(String user) {
        return as(user, "MODERATE_MEMBERS", "KICK_MEMBERS", "BAN_MEMBERS", "MANAGE_MESSAGES").header("X-Actor-Top-Role", "10");
    }

    /** Patches a server's config as its owner and expects it to be accepted. */
    public static void config(String server, String owner, Object patch) {
        asOwner(owner).body(patch).patch("/v1/servers/" + server + "/config").then().statusCode(200);
    }

    /** Registers a fresh Discord server owned by {@code owner} and returns its id. */
    public static String newServer(String owner) {
        String id = "discord:" + nextId();
        platform().body(Map.of("name", "Test " + id, "owner", owner)).put("/v1/servers/" + id)
                .then().statusCode(201);
        return id;
    }

    public static String newUser() {
        return "discord:" + nextId();
    }
}
