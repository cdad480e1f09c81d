package dev.guildhall.slack.actors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.guildhall.slack.slackapi.SlackApiException;
import dev.guildhall.slack.slackapi.SlackWebApi;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a user's standing from Slack ({@code users.info}: admin, owner, primary owner; and
 * {@code usergroups.users.list} for the configured moderator group) and keeps it for a short,
 * bounded time. This is platform data, like the role list Discord sends with every interaction —
 * what those permissions allow is decided by core-api. When Slack cannot be asked, the user gets
 * no permissions (never more than they have).
 */
public class ActorResolver {

    private static final Logger LOG = Logger.getLogger(ActorResolver.class);
    private static final int MAX_ENTRIES = 50_000;

    private record Cached<T>(T value, Instant until) {}

    private final SlackWebApi slack;
    private final Optional<String> moderatorGroup;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached<SlackActor>> users = new ConcurrentHashMap<>();
    private volatile Cached<Set<String>> groupMembers;

    public ActorResolver(SlackWebApi slack, Optional<String> moderatorGroup, Duration ttl, Clock clock) {
        this.slack = slack;
        this.moderatorGroup = moderatorGroup.filter(g -> !g.isBlank());
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The user's standing; {@code fallbackName} is used when Slack does not say. */
    public SlackActor resolve(String teamId, String userId, String fallbackName) {
        String key = teamId + "/" + userId;
        Cached<SlackActor> hit = users.get(key);
        Instant now = clock.instant();
        if (hit != null && hit.until().isAfter(now)) return hit.value();
        try {
            JsonNode user = slack.call("users.info", Map.of("user", userId)).path("user");
            boolean primary = user.path("is_primary_owner").asBoolean(false);
            boolean owner = primary || user.path("is_owner").asBoolean(false);
            boolean admin = owner || user.path("is_admin").asBoolean(false);
            boolean moderator = !admin && inModeratorGroup(userId, now);
            String name = firstNonBlank(user.path("profile").path("display_name").asText(null),
                    user.path("real_name").asText(null), user.path("name").asText(null), fallbackName, userId);
            SlackActor actor = new SlackActor(userId, name,
                    admin ? SlackActor.ADMIN : moderator ? SlackActor.MODERATOR : Set.of(),
                    primary, primary ? 4 : owner ? 3 : admin ? 2 : moderator ? 1 : 0);
            if (users.size() > MAX_ENTRIES) users.clear();
            users.put(key, new Cached<>(actor, now.plus(ttl)));
            return actor;
        } catch (SlackApiException e) {
            LOG.warnf("Could not read %s's standing from Slack (%s); acting with no permissions", userId, e.error());
            return SlackActor.plain(userId, fallbackName == null ? userId : fallbackName);
        }
    }

    private boolean inModeratorGroup(String userId, Instant now) {
        if (moderatorGroup.isEmpty()) return false;
        Cached<Set<String>> members = groupMembers;
        if (members == null || !members.until().isAfter(now)) {
            JsonNode list = slack.call("usergroups.users.list", Map.of("usergroup", moderatorGroup.get())).path("users");
            Set<String> ids = new HashSet<>();
            list.forEach(n -> ids.add(n.asText()));
            members = new Cached<>(Set.copyOf(ids), now.plus(ttl));
            groupMembers = members;
        }
        return members.value().contains(userId);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) return v;
        }
        return null;
    }
}
