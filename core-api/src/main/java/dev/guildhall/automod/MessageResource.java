package dev.guildhall.automod;

import dev.guildhall.actions.PlatformAction;
import dev.guildhall.auth.Caller;
import dev.guildhall.platform.ChatId;
import dev.guildhall.platform.Idempotency;
import dev.guildhall.platform.ProblemException;
import dev.guildhall.platform.ProblemException.FieldError;
import dev.guildhall.server.ServerInfo;
import dev.guildhall.server.ServerService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

@Path("/v1/servers/{server}/messages")
@Tag(name = "Automod", description = "A verdict for each chat message")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessageResource {

    /** Slack allows 40,000 characters, Discord 4,000; anything longer is not a chat message. */
    static final int MAX_CONTENT = 40_000;

    @Schema(name = "MessageAuthor")
    public record AuthorBody(@Schema(example = "discord:80351110224678912") String user,
                             @Schema(example = "[\"41771983423143936\"]") List<String> roles) {}

    @Schema(name = "MessageCheck")
    public record CheckBody(@Schema(example = "1183749823749823001") String messageId,
                            @Schema(example = "41771983423143937") String channel,
                            AuthorBody author,
                            @Schema(example = "hello everyone") String content,
                            @Schema(example = "0", description = "Mentions the platform counted in the message") Integer mentions) {}

    @Schema(name = "MessageVerdict")
    public record VerdictView(@Schema(example = "delete", enumeration = {"allow", "delete", "warn", "timeout"}) String verdict,
                              @Schema(nullable = true, example = "banned_words", description = "null when allowed", enumeration = {
                                      "banned_words", "invite_links", "links", "mention_spam", "caps", "regex",
                                      "duplicate_spam", "rate_spam"}) String rule,
                              @Schema(nullable = true, example = "Automod: banned word \"spam\"", description = "null when allowed") String reason,
                              @Schema(nullable = true, description = "The case opened for a warn or timeout verdict") Integer caseNumber,
                              List<PlatformAction> actions) {}

    private final AutomodService automod;
    private final ServerService servers;
    private final Caller caller;
    private final Idempotency idempotency;

    public MessageResource(AutomodService automod, ServerService servers, Caller caller, Idempotency idempotency) {
        this.automod = automod;
        this.servers = servers;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @POST
    @Path("/check")
    @Operation(operationId = "checkMessage", summary = "Automod verdict for one message: allow, delete, warn or timeout",
            description = "Where automod cannot act (it is off, or the author or channel is exempt) the answer is allow and "
                    + "nothing changes, so no Idempotency-Key record is kept: a repeat is judged again. Every other check "
                    + "honours Idempotency-Key as all POSTs do.")
    @APIResponse(responseCode = "200", description = "The verdict, with the platform actions the adapter carries out",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerdictView.class)))
    public Uni<Response> check(@PathParam("server") String server, CheckBody body) {
        caller.requireWrite(server);
        return servers.requireAsync(server).flatMap(info -> {
            AutomodRules.Message message = message(info, body);
            Supplier<Idempotency.Request> keyed = caller.idempotencyKey() == null ? null : () -> idempotency.request(server, body);
            return automod.decide(info, body.author().user(), body.messageId(), message, keyed, MessageResource::answer);
        });
    }

    private static AutomodRules.Message message(ServerInfo info, CheckBody body) {
        if (body == null) throw ProblemException.badRequest("body-required", "Send a JSON body with author and content");
        List<FieldError> errors = new ArrayList<>();
        String author = body.author() == null ? null : body.author().user();
        if (author == null || !ChatId.isValid(author) || !ChatId.platformOf(author).equals(info.platform())) {
            errors.add(new FieldError("author.user", "must be a " + info.platform() + " user such as " + info.platform() + ":123"));
        }
        List<String> roles = body.author() == null || body.author().roles() == null ? List.of() : body.author().roles();
        if (roles.size() > 250 || roles.stream().anyMatch(r -> r == null || r.length() > 64)) {
            errors.add(new FieldError("author.roles", "at most 250 role ids of 1 to 64 characters"));
        }
        if (body.content() != null && body.content().length() > MAX_CONTENT) {
            errors.add(new FieldError("content", "must be at most " + MAX_CONTENT + " characters"));
        }
        if (body.mentions() != null && body.mentions() < 0) errors.add(new FieldError("mentions", "must be 0 or more"));
        if (!errors.isEmpty()) throw ProblemException.invalid(errors);
        return new AutomodRules.Message(body.channel(), roles, body.content() == null ? "" : body.content(),
                body.mentions() == null ? 0 : body.mentions());
    }

    private static Response answer(AutomodService.Verdict v) {
        return Response.ok(new VerdictView(v.verdict(), v.rule(), v.reason(), v.caseNumber(), v.actions())).build();
    }
}
