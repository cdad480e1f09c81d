package dev.guildhall.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A local Discord for JDA: REST on {@code /api/v10/} (the bot's calls are recorded) and a gateway
 * WebSocket on {@code /gateway} that does HELLO → IDENTIFY → READY (the guild as an unavailable
 * stub) → GUILD_CREATE (with the gateway-only fields), answers heartbeats, and then sends whatever
 * events a test dispatches. One guild, a few members and roles, plain JSON, no compression.
 */
public final class FakeDiscord implements AutoCloseable {

    public static final long APP_ID = 900000000000000001L;
    public static final long BOT_ID = APP_ID;
    public static final long GUILD_ID = 810000000000000001L;
    public static final long GENERAL = 810000000000000011L;
    public static final long MOD_LOG = 810000000000000012L;
    public static final long OWNER = 100000000000000001L;
    public static final long MOD = 100000000000000002L;
    public static final long P1 = 100000000000000003L;
    public static final long P2 = 100000000000000004L;
    public static final long NEWBIE = 100000000000000005L;
    public static final long ROLE_BOT = 820000000000000001L;
    public static final long ROLE_MOD = 820000000000000002L;
    public static final long ROLE_PLAYER = 820000000000000003L;

    // Discord permission bits
    static final long KICK = 1L << 1, BAN = 1L << 2, ADMIN = 1L << 3, MANAGE_GUILD = 1L << 5,
            AUDIT = 1L << 7, VIEW = 1L << 10, SEND = 1L << 11, MANAGE_MESSAGES = 1L << 13, EMBED = 1L << 14,
            HISTORY = 1L << 16, MODERATE = 1L << 40;
    public static final long EVERYONE_PERMS = VIEW | SEND | EMBED | HISTORY;
    public static final long MOD_PERMS = KICK | BAN | MODERATE | MANAGE_MESSAGES | AUDIT;

    public record Call(String method, String path, String query, JsonNode body) {
        public String line() {
            return method + " " + path;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger seq = new AtomicInteger();
    private final AtomicLong counter = new AtomicLong();
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile WebSocket gateway;
    private volatile JsonNode identify;
    private final List<Long> extraMembers = new CopyOnWriteArrayList<>();

    /** Snowflakes of the current time: JDA derives an interaction's age (and expiry) from its id. */
    private final IdSource ids = () -> ((System.currentTimeMillis() - 1420070400000L) << 22)
            | (counter.incrementAndGet() & 0x3FFFFF);

    private interface IdSource {
        long incrementAndGet();
    }

    public FakeDiscord() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handle(request);
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** JDA's REST base URL. */
    public String restUrl() {
        return server.url("/api/v10/").toString();
    }

    public String gatewayUrl() {
        return "ws://" + server.getHostName() + ":" + server.getPort() + "/gateway";
    }

    // ---------------------------------------------------------------- REST

    private MockResponse handle(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (path.equals("/gateway")) {
            return new MockResponse.Builder().webSocketUpgrade(new Gateway()).build();
        }
        String p = path.startsWith("/api/v10/") ? path.substring("/api/v10".length()) : path;
        JsonNode body = null;
        if (r.getBody() != null && r.getBody().size() > 0) {
            String text = r.getBody().utf8();
            try {
                body = JSON.readTree(text);
            } catch (IOException e) {
                body = JSON.getNodeFactory().textNode(text); // multipart: kept as text
            }
        }
        Call call = new Call(r.getMethod(), p, r.getUrl().encodedQuery(), body);
        if (!p.equals("/gateway/bot")) calls.add(call);
        synchronized (calls) {
            calls.notifyAll();
        }
        String m = r.getMethod();
        String[] seg = p.substring(1).split("/");
        if (p.equals("/gateway/bot")) {
            return json(200, obj("url", gatewayUrl(), "shards", 1,
                    "session_start_limit", obj("total", 1000, "remaining", 1000, "reset_after", 0,
                            "max_concurrency", 1)));
        }
        if (p.equals("/users/@me") && m.equals("GET")) return json(200, user(BOT_ID, "guildhall", true));
        if (seg[0].equals("users") && seg.length == 2 && m.equals("GET")) {
            return json(200, user(Long.parseLong(seg[1]), "user" + seg[1], false));
        }
        if (p.equals("/users/@me/channels") && m.equals("POST")) {
            long recipient = body.path("recipient_id").asLong();
            return json(200, obj("id", Long.toString(dmChannel(recipient)), "type", 1,
                    "recipients", List.of(user(recipient, "user" + recipient, false)), "last_message_id", null));
        }
        if (seg[0].equals("applications") && p.endsWith("/commands") && m.equals("PUT")) {
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode c : body) {
                ObjectNode cmd = ((ObjectNode) c.deepCopy());
                cmd.put("id", Long.toString(ids.incrementAndGet()));
                cmd.put("application_id", Long.toString(APP_ID));
                cmd.put("version", "1");
                if (!cmd.has("type")) cmd.put("type", 1);
                if (seg.length > 3 && seg[2].equals("guilds")) cmd.put("guild_id", seg[3]);
                out.add(cmd);
            }
            return json(200, out);
        }
        if (seg[0].equals("interactions") && p.endsWith("/callback")) return new MockResponse.Builder().code(204).build();
        if (seg[0].equals("webhooks")) {
            if (m.equals("DELETE")) return new MockResponse.Builder().code(204).build();
            return json(200, message(body, GENERAL, Long.toString(ids.incrementAndGet())));
        }
        if (seg[0].equals("channels") && seg.length >= 3 && seg[2].equals("messages")) {
            if (m.equals("POST")) return json(200, message(body, Long.parseLong(seg[1]), Long.toString(ids.incrementAndGet())));
            if (m.equals("DELETE")) return new MockResponse.Builder().code(204).build();
        }
        if (seg[0].equals("guilds") && seg.length == 2 && m.equals("PATCH")) {
            return new MockResponse.Builder().code(204).build();
        }
        if (seg[0].equals("guilds") && seg.length >= 4) {
            if (seg[2].equals("bans")) return new MockResponse.Builder().code(204).build();
            if (seg[2].equals("members") && m.equals("DELETE")) return new MockResponse.Builder().code(204).build();
            if (seg[2].equals("members") && seg.length >= 6 && seg[4].equals("roles")) {
                return new MockResponse.Builder().code(204).build();
            }
            if (seg[2].equals("members") && m.equals("PATCH")) {
                ObjectNode mem = member(Long.parseLong(seg[3]), List.of());
                if (body != null && body.has("communication_disabled_until")) {
                    mem.set("communication_disabled_until", body.get("communication_disabled_until"));
                }
                return json(200, mem);
            }
        }
        return json(404, obj("message", "Unknown route in FakeDiscord: " + m + " " + p, "code", 0));
    }

    private long dmChannel(long user) {
        return user + 7;
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
                .body(body.toString()).build();
    }

    // ---------------------------------------------------------------- recorded calls

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    /** Waits for the first recorded call after {@code from} (an index into {@link #calls()}) that matches. */
    public Call await(int from, Predicate<Call> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (calls) {
            while (true) {
                for (int i = from; i < calls.size(); i++) {
                    if (match.test(calls.get(i))) return calls.get(i);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching Discord call within " + timeout + "; calls since " + from
                            + ": " + calls.subList(Math.min(from, calls.size()), calls.size()));
                }
                calls.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    public int mark() {
        return calls.size();
    }

    /** The interaction response (callback, or the deferred answer's edit) for one interaction. */
    public Call awaitInteractionAnswer(int from, String interactionId, Duration timeout) throws InterruptedException {
        return await(from, c -> (c.path().startsWith("/interactions/" + interactionId + "/") && isFinalCallback(c))
                || (c.path().startsWith("/webhooks/" + APP_ID + "/tok-" + interactionId) && !c.method().equals("DELETE")),
                timeout);
    }

    private static boolean isFinalCallback(Call c) {
        int type = c.body() == null ? 0 : c.body().path("type").asInt();
        return type == 4 || type == 7; // CHANNEL_MESSAGE_WITH_SOURCE, UPDATE_MESSAGE
    }

    // ---------------------------------------------------------------- gateway

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public JsonNode identify() {
        return identify;
    }

    public void dispatch(String type, JsonNode d) {
        WebSocket ws = gateway;
        if (ws == null) throw new IllegalStateException("no gateway session");
        ws.send(obj("op", 0, "t", type, "s", seq.incrementAndGet(), "d", d).toString());
    }

    private final class Gateway extends WebSocketListener {
        @Override
        public void onOpen(WebSocket ws, Response response) {
            gateway = ws;
            ws.send(obj("op", 10, "d", obj("heartbeat_interval", 41250)).toString());
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            JsonNode msg;
            try {
                msg = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            switch (msg.path("op").asInt(-1)) {
                case 1 -> ws.send(obj("op", 11).toString());
                case 2 -> {
                    identify = msg.get("d");
                    ws.send(obj("op", 0, "t", "READY", "s", seq.incrementAndGet(), "d", obj(
                            "v", 10,
                            "user", user(BOT_ID, "guildhall", true),
                            "guilds", List.of(obj("id", Long.toString(GUILD_ID), "unavailable", true)),
                            "session_id", "fake-session",
                            "resume_gateway_url", gatewayUrl(),
                            "shard", identify.has("shard") ? identify.get("shard") : JSON.valueToTree(List.of(0, 1)),
                            "application", obj("id", Long.toString(APP_ID), "flags", 0),
                            "private_channels", List.of(),
                            "presences", List.of(),
                            "relationships", List.of(),
                            "guild_join_requests", List.of())).toString());
                    dispatch("GUILD_CREATE", guild());
                    ready.countDown();
                }
                default -> { }
            }
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
        }
    }

    // ---------------------------------------------------------------- entities

    public static ObjectNode obj(Object... kv) {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) n.set((String) kv[i], JSON.valueToTree(kv[i + 1]));
        return n;
    }

    public static ObjectNode user(long id, String name, boolean bot) {
        return obj("id", Long.toString(id), "username", name, "global_name", name, "discriminator", "0",
                "avatar", null, "bot", bot, "public_flags", 0);
    }

    static String nameOf(long id) {
        if (id == OWNER) return "owner";
        if (id == MOD) return "mod";
        if (id == P1) return "player1";
        if (id == P2) return "player2";
        if (id == BOT_ID) return "guildhall";
        return "user" + id;
    }

    public static List<Long> rolesOf(long id) {
        if (id == BOT_ID) return List.of(ROLE_BOT);
        if (id == MOD) return List.of(ROLE_MOD);
        if (id == P1 || id == P2) return List.of(ROLE_PLAYER);
        return List.of();
    }

    public static ObjectNode member(long id, List<Long> roles) {
        return obj("user", user(id, nameOf(id), id == BOT_ID), "nick", null,
                "roles", roles.stream().map(r -> Long.toString(r)).toList(),
                "joined_at", "2024-01-01T00:00:00.000000+00:00", "premium_since", null, "deaf", false, "mute", false,
                "pending", false, "flags", 0, "avatar", null, "communication_disabled_until", null);
    }

    static ObjectNode role(long id, String name, int position, long permissions) {
        return obj("id", Long.toString(id), "name", name, "color", 0, "colors", obj("primary_color", 0),
                "hoist", false, "icon", null, "unicode_emoji", null, "position", position,
                "permissions", Long.toString(permissions), "managed", false, "mentionable", false, "flags", 0);
    }

    static ObjectNode textChannel(long id, String name, int position) {
        return textChannel(GUILD_ID, id, name, position);
    }

    static ObjectNode textChannel(long guild, long id, String name, int position) {
        return obj("id", Long.toString(id), "type", 0, "guild_id", Long.toString(guild), "name", name,
                "position", position, "permission_overwrites", List.of(), "topic", null, "nsfw", false,
                "parent_id", null, "rate_limit_per_user", 0, "last_message_id", null, "flags", 0);
    }

    ObjectNode guild() {
        return guild(GUILD_ID, "Fake Guild", List.of(OWNER, MOD, P1, P2, BOT_ID), 0);
    }

    /** A guild as GUILD_CREATE carries it; {@code offset} keeps role and channel ids of other guilds apart. */
    ObjectNode guild(long id, String name, List<Long> memberIds, long offset) {
        List<ObjectNode> members = new ArrayList<>();
        for (long m : memberIds) {
            members.add(member(m, rolesOf(m).stream().map(r -> r + offset).toList()));
        }
        return obj("id", Long.toString(id), "name", name, "owner_id", Long.toString(OWNER),
                "icon", null, "splash", null, "discovery_splash", null, "banner", null, "description", null,
                "features", List.of(), "verification_level", 0, "default_message_notifications", 0,
                "explicit_content_filter", 0, "mfa_level", 0, "premium_tier", 0, "premium_subscription_count", 0,
                "preferred_locale", "en-US", "nsfw_level", 0, "premium_progress_bar_enabled", false,
                "afk_timeout", 300, "afk_channel_id", null, "system_channel_id", null, "system_channel_flags", 0,
                "rules_channel_id", null, "public_updates_channel_id", null, "safety_alerts_channel_id", null,
                "vanity_url_code", null, "max_members", 500000, "max_video_channel_users", 25,
                "roles", List.of(
                        role(id, "@everyone", 0, EVERYONE_PERMS),
                        role(ROLE_PLAYER + offset, "Player", 1, EVERYONE_PERMS),
                        role(ROLE_MOD + offset, "Moderator", 2, EVERYONE_PERMS | MOD_PERMS),
                        role(ROLE_BOT + offset, "Guildhall", 3, ADMIN)),
                "emojis", List.of(), "stickers", List.of(),
                // gateway-only fields
                "joined_at", "2024-01-01T00:00:00.000000+00:00", "large", false, "unavailable", false,
                "member_count", members.size(), "members", members,
                "channels", List.of(textChannel(id, GENERAL + offset, "general", 0),
                        textChannel(id, MOD_LOG + offset, "mod-log", 1)),
                "threads", List.of(), "presences", List.of(), "voice_states", List.of(),
                "stage_instances", List.of(), "guild_scheduled_events", List.of(), "soundboard_sounds", List.of(),
                "lazy", true, "application_command_counts", obj());
    }

    /** The bot is added to another guild while running: JDA sees a GUILD_CREATE for an unknown guild. */
    public void joinGuild(long id, String name) {
        dispatch("GUILD_CREATE", guild(id, name, List.of(OWNER, BOT_ID), 1000));
    }

    ObjectNode message(JsonNode body, long channel, String id) {
        ObjectNode m = body != null && body.isObject() ? ((ObjectNode) body.deepCopy()) : obj();
        m.put("id", id);
        m.put("channel_id", Long.toString(channel));
        m.set("author", user(BOT_ID, "guildhall", true));
        m.put("timestamp", Instant.now().toString());
        m.putNull("edited_timestamp");
        m.put("type", 0);
        m.put("tts", false);
        m.put("pinned", false);
        m.put("mention_everyone", false);
        m.set("mentions", JSON.createArrayNode());
        m.set("mention_roles", JSON.createArrayNode());
        m.set("attachments", JSON.createArrayNode());
        if (!m.has("embeds")) m.set("embeds", JSON.createArrayNode());
        m.get("embeds").forEach(e -> ((ObjectNode) e).put("type", "rich"));
        if (!m.has("components")) m.set("components", JSON.createArrayNode());
        if (!m.has("content")) m.put("content", "");
        m.put("flags", m.path("flags").asInt(0));
        m.remove("allowed_mentions");
        m.remove("message_reference");
        m.remove("enforce_nonce");
        m.remove("nonce");
        return m;
    }

    // ---------------------------------------------------------------- events a test sends

    /**
     * A slash command from {@code userId}: {@code options} are name → value pairs of the
     * subcommand (or the command when {@code sub} is null); Long values are users when the name is
     * listed in {@code userOptions}. Returns the interaction id.
     */
    public String slash(long userId, String command, String sub, Map<String, Object> options) {
        String iid = Long.toString(ids.incrementAndGet());
        ArrayNode opts = JSON.createArrayNode();
        ObjectNode resolvedUsers = obj();
        ObjectNode resolvedMembers = obj();
        options.forEach((name, value) -> {
            ObjectNode o = obj("name", name);
            if (value instanceof UserRef u) {
                o.put("type", 6).put("value", Long.toString(u.id()));
                resolvedUsers.set(Long.toString(u.id()), user(u.id(), nameOf(u.id()), u.id() == BOT_ID));
                ObjectNode mem = member(u.id(), rolesOf(u.id()));
                mem.remove("user");
                resolvedMembers.set(Long.toString(u.id()), mem);
            } else if (value instanceof ChannelRef c) {
                o.put("type", 7).put("value", Long.toString(c.id()));
            } else if (value instanceof Integer || value instanceof Long) {
                o.put("type", 4).put("value", ((Number) value).longValue());
            } else if (value instanceof Boolean b) {
                o.put("type", 5).put("value", b);
            } else if (value instanceof Double d) {
                o.put("type", 10).put("value", d);
            } else {
                o.put("type", 3).put("value", String.valueOf(value));
            }
            opts.add(o);
        });
        JsonNode dataOptions = sub == null ? opts
                : JSON.createArrayNode().add(obj("name", sub, "type", 1, "options", opts));
        ObjectNode data = obj("id", "700000000000000001", "name", command, "type", 1, "options", dataOptions,
                "resolved", obj("users", resolvedUsers, "members", resolvedMembers, "channels",
                        obj(Long.toString(GENERAL), textChannel(GENERAL, "general", 0),
                                Long.toString(MOD_LOG), textChannel(MOD_LOG, "mod-log", 1))));
        dispatch("INTERACTION_CREATE", interaction(iid, 2, userId, data, null));
        return iid;
    }

    /** The user is typing {@code typed} into {@code option} of {@code /command sub}: an autocomplete request. */
    public String autocomplete(long userId, String command, String sub, String option, String typed) {
        String iid = Long.toString(ids.incrementAndGet());
        ArrayNode opts = JSON.createArrayNode().add(obj("name", option, "type", 3, "value", typed, "focused", true));
        ObjectNode data = obj("id", "700000000000000001", "name", command, "type", 1,
                "options", List.of(obj("name", sub, "type", 1, "options", opts)));
        dispatch("INTERACTION_CREATE", interaction(iid, 4, userId, data, null));
        return iid;
    }

    /** A click on a button with {@code customId} on a message the bot sent. */
    public String button(long userId, String customId) {
        String iid = Long.toString(ids.incrementAndGet());
        ObjectNode data = obj("custom_id", customId, "component_type", 2);
        ObjectNode msg = message(obj("content", "", "components", List.of(obj("type", 1, "id", 1,
                "components", List.of(obj("type", 2, "id", 2, "style", 1, "label", "x", "custom_id", customId))))),
                GENERAL, Long.toString(ids.incrementAndGet()));
        dispatch("INTERACTION_CREATE", interaction(iid, 3, userId, data, msg));
        return iid;
    }

    private ObjectNode interaction(String iid, int type, long userId, ObjectNode data, ObjectNode message) {
        ObjectNode mem = member(userId, rolesOf(userId));
        mem.put("permissions", Long.toString(permissionsOf(userId)));
        ObjectNode i = obj("id", iid, "application_id", Long.toString(APP_ID), "type", type, "token", "tok-" + iid,
                "version", 1, "guild_id", Long.toString(GUILD_ID), "channel_id", Long.toString(GENERAL),
                "channel", textChannel(GENERAL, "general", 0), "member", mem, "data", data,
                "guild", obj("id", Long.toString(GUILD_ID), "locale", "en-US", "features", List.of()),
                "app_permissions", Long.toString(ADMIN), "locale", "en-US", "guild_locale", "en-US",
                "entitlements", List.of(), "authorizing_integration_owners", obj("0", Long.toString(GUILD_ID)),
                "context", 0, "attachment_size_limit", 8388608);
        if (message != null) i.set("message", message);
        return i;
    }

    static long permissionsOf(long userId) {
        if (userId == OWNER || userId == BOT_ID) return ADMIN | EVERYONE_PERMS | MOD_PERMS | MANAGE_GUILD;
        if (userId == MOD) return EVERYONE_PERMS | MOD_PERMS;
        return EVERYONE_PERMS;
    }

    /** A guild text message from {@code userId} in #general. Returns the message id. */
    public String message(long userId, String content) {
        String id = Long.toString(ids.incrementAndGet());
        ObjectNode mem = member(userId, rolesOf(userId));
        mem.remove("user");
        ArrayNode mentions = JSON.createArrayNode();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<@!?(\\d+)>").matcher(content);
        while (m.find()) {
            long mentioned = Long.parseLong(m.group(1));
            ObjectNode u = user(mentioned, nameOf(mentioned), false);
            ObjectNode um = member(mentioned, rolesOf(mentioned));
            um.remove("user");
            u.set("member", um);
            mentions.add(u);
        }
        dispatch("MESSAGE_CREATE", obj("id", id, "channel_id", Long.toString(GENERAL), "guild_id", Long.toString(GUILD_ID),
                "author", user(userId, nameOf(userId), false), "member", mem, "content", content,
                "timestamp", Instant.now().toString(), "edited_timestamp", null, "tts", false,
                "mention_everyone", false, "mentions", mentions, "mention_roles", List.of(), "attachments", List.of(),
                "embeds", List.of(), "pinned", false, "type", 0, "flags", 0, "components", List.of()));
        return id;
    }

    /** A new member joins the guild. */
    public void memberJoins(long userId) {
        extraMembers.add(userId);
        ObjectNode mem = member(userId, List.of());
        mem.put("guild_id", Long.toString(GUILD_ID));
        mem.put("joined_at", Instant.now().toString());
        dispatch("GUILD_MEMBER_ADD", mem);
    }

    /** An audit-log entry: a moderator banned (22) or kicked (20) someone by hand. */
    public String auditLog(int actionType, long moderator, long target, String reason) {
        return auditLog(Long.toString(ids.incrementAndGet()), actionType, moderator, target, reason);
    }

    /** The same audit-log entry again (the gateway may redeliver an event after a resume). */
    public String auditLog(String id, int actionType, long moderator, long target, String reason) {
        dispatch("GUILD_AUDIT_LOG_ENTRY_CREATE", obj("id", id, "guild_id", Long.toString(GUILD_ID),
                "action_type", actionType, "user_id", Long.toString(moderator), "target_id", Long.toString(target),
                "reason", reason, "changes", List.of(), "options", null));
        return id;
    }

    public record UserRef(long id) {}

    public record ChannelRef(long id) {}

    public static UserRef userRef(long id) {
        return new UserRef(id);
    }

    @Override
    public void close() {
        WebSocket ws = gateway;
        try {
            if (ws != null) ws.close(1000, "bye");
        } catch (RuntimeException ignored) {
            // already gone
        }
        server.close();
    }
}
