package dev.guildhall.slack.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.guildhall.slack.actors.ActorResolver;
import dev.guildhall.slack.commands.CommandContext;
import dev.guildhall.slack.commands.CommandRouter;
import dev.guildhall.slack.events.EventHandler;
import dev.guildhall.slack.format.Buttons;
import dev.guildhall.slack.format.Reply;
import dev.guildhall.slack.gm.GmCommand;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Slack's three entry points. Each reads the body as raw bytes, checks Slack's signature over exactly
 * those bytes, and only then parses it; refused requests get 401 and nothing else happens.
 */
@Path("/slack")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class SlackResource {

    private static final Logger LOG = Logger.getLogger(SlackResource.class);

    private final SlackSignature signature;
    private final CommandRouter router;
    private final Responder responder;
    private final ActorResolver actors;
    private final EventHandler events;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public SlackResource(SlackSignature signature, CommandRouter router, Responder responder, ActorResolver actors,
                         EventHandler events, ObjectMapper json, MeterRegistry metrics) {
        this.signature = signature;
        this.router = router;
        this.responder = responder;
        this.actors = actors;
        this.events = events;
        this.json = json;
        this.metrics = metrics;
    }

    @POST
    @Path("/commands")
    public Response commands(byte[] body, @HeaderParam(SlackSignature.TIMESTAMP_HEADER) String timestamp,
                             @HeaderParam(SlackSignature.SIGNATURE_HEADER) String sig) {
        Optional<Response> refused = verify("commands", timestamp, sig, body);
        if (refused.isPresent()) return refused.get();
        Map<String, String> form = Forms.parse(body);
        if ("1".equals(form.get("ssl_check"))) return Response.ok().build();
        String requestId = requestId();
        CommandContext ctx = context(form.get("team_id"), form.get("team_domain"), form.get("channel_id"),
                form.get("user_id"), form.get("user_name"), form.get("trigger_id"), requestId);
        if (ctx == null) return badRequest("team_id, user_id and trigger_id are required");
        Reply reply = responder.inlineOrLater(() -> router.handle(form.getOrDefault("text", ""), ctx),
                form.get("response_url"), requestId);
        return Response.ok(reply.toResponse()).header("X-Request-Id", requestId).build();
    }

    @POST
    @Path("/interactions")
    public Response interactions(byte[] body, @HeaderParam(SlackSignature.TIMESTAMP_HEADER) String timestamp,
                                 @HeaderParam(SlackSignature.SIGNATURE_HEADER) String sig) {
        Optional<Response> refused = verify("interactions", timestamp, sig, body);
        if (refused.isPresent()) return refused.get();
        JsonNode payload;
        try {
            payload = json.readTree(Forms.parse(body).getOrDefault("payload", ""));
        } catch (IOException e) {
            return badRequest("payload is not JSON");
        }
        if (payload == null || !"block_actions".equals(payload.path("type").asText())) {
            return Response.ok().build();
        }
        JsonNode action = payload.path("actions").path(0);
        Optional<GmCommand> command = Buttons.command(action.path("action_id").asText(null), action.path("value").asText(null));
        if (command.isEmpty()) return Response.ok().build();
        String requestId = requestId();
        CommandContext ctx = context(payload.path("team").path("id").asText(null),
                payload.path("team").path("domain").asText(null), payload.path("channel").path("id").asText(null),
                payload.path("user").path("id").asText(null), payload.path("user").path("username").asText(null),
                payload.path("trigger_id").asText(null), requestId);
        if (ctx == null) return badRequest("team, user and trigger_id are required");
        responder.later(() -> {
            Reply reply = router.handle(command.get(), ctx);
            return reply.ephemeral() ? reply : reply.replacingOriginal();
        }, payload.path("response_url").asText(null), requestId);
        return Response.ok().header("X-Request-Id", requestId).build();
    }

    @POST
    @Path("/events")
    public Response events(byte[] body, @HeaderParam(SlackSignature.TIMESTAMP_HEADER) String timestamp,
                           @HeaderParam(SlackSignature.SIGNATURE_HEADER) String sig,
                           @HeaderParam("X-Slack-Retry-Num") String retryNum) {
        Optional<Response> refused = verify("events", timestamp, sig, body);
        if (refused.isPresent()) return refused.get();
        JsonNode envelope;
        try {
            envelope = json.readTree(body);
        } catch (IOException e) {
            return badRequest("body is not JSON");
        }
        String type = envelope.path("type").asText("");
        if ("url_verification".equals(type)) {
            return Response.ok(Map.of("challenge", envelope.path("challenge").asText(""))).build();
        }
        if ("event_callback".equals(type)) {
            String requestId = requestId();
            if (retryNum != null) {
                LOG.debugf("Slack retry %s of event %s", retryNum, envelope.path("event_id").asText());
            }
            // Acknowledge at once so Slack does not retry; the event id keeps a retry from acting twice.
            responder.background(() -> events.handle(envelope, requestId), requestId);
        }
        return Response.ok().build();
    }

    private Optional<Response> verify(String endpoint, String timestamp, String sig, byte[] body) {
        SlackSignature.Verdict verdict = signature.verify(timestamp, sig, body);
        if (verdict == SlackSignature.Verdict.OK) return Optional.empty();
        metrics.counter("slack.requests.refused", "endpoint", endpoint, "reason", verdict.name().toLowerCase(Locale.ROOT)).increment();
        LOG.infof("Refused a %s request: %s", endpoint, verdict);
        return Optional.of(Response.status(401).entity(Map.of("error", "invalid_signature", "reason",
                verdict.name().toLowerCase(Locale.ROOT))).build());
    }

    private CommandContext context(String team, String teamName, String channel, String user, String userName,
                                   String trigger, String requestId) {
        if (team == null || user == null || trigger == null || team.isBlank() || user.isBlank() || trigger.isBlank()) {
            return null;
        }
        MDC.put("team", team);
        return new CommandContext(team, teamName, channel, user, trigger, requestId,
                () -> actors.resolve(team, user, userName));
    }

    private static Response badRequest(String why) {
        return Response.status(400).entity(Map.of("error", "bad_request", "detail", why)).build();
    }

    private static String requestId() {
        String id = "slack-" + UUID.randomUUID();
        MDC.put("requestId", id);
        return id;
    }
}
