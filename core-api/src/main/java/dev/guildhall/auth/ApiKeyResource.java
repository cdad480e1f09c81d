package dev.guildhall.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.guildhall.platform.HoldsSecret;
import dev.guildhall.platform.Idempotent;
import dev.guildhall.platform.Page;
import dev.guildhall.platform.PageRequest;
import dev.guildhall.platform.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Path("/v1/admin/api-keys")
@Tag(name = "API keys", description = "Admin only: create, list and revoke API keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    @Schema(name = "NewApiKey")
    public record NewApiKeyBody(
            @Schema(example = "discord-bot") String name,
            @Schema(example = "platform", enumeration = {"admin", "platform", "app"}) String kind,
            @Schema(example = "[\"wars:read\"]") List<String> scopes,
            @Schema(example = "[\"discord:81384788765712384\"]") List<String> servers,
            @Schema(example = "discord", enumeration = {"discord", "slack"},
                    description = "Platform keys: the platform the key is bound to; it then acts only on that platform's "
                            + "servers and actions. Without it a platform key acts on both (kept for older keys).") String platform) {}

    @Schema(name = "ApiKey")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApiKeyView(String id,
                             @Schema(description = "The secret; present only in the answer that created the key (not in a replay of it).") String key,
                             String prefix, String name, String kind, List<String> scopes, List<String> servers,
                             @Schema(description = "The platform a platform key is bound to; absent when unbound") String platform,
                             Instant createdAt, Instant revokedAt) implements HoldsSecret {

        static ApiKeyView of(ApiKey k, String secret) {
            return new ApiKeyView(k.id.toString(), secret, k.prefix, k.name, k.kind.name().toLowerCase(Locale.ROOT),
                    List.of(k.scopes), List.of(k.servers), k.platform, k.createdAt, k.revokedAt);
        }

        @Override
        public ApiKeyView withoutSecret() {
            return new ApiKeyView(id, null, prefix, name, kind, scopes, servers, platform, createdAt, revokedAt);
        }
    }

    private final ApiKeyService keys;
    private final Caller caller;

    public ApiKeyResource(ApiKeyService keys, Caller caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Idempotent
    @APIResponse(responseCode = "201", description = "The new key with its secret, shown only here; Location points at it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiKeyView.class)))
    @Operation(operationId = "createApiKey", summary = "Create an API key (the secret is shown once)")
    public Response create(NewApiKeyBody body) {
        caller.requireAdmin();
        if (body == null) throw ProblemException.badRequest("body-required", "Send a JSON body with name and kind");
        ApiKeyService.Created created = keys.create(new ApiKeyService.NewKey(body.name(), kindOf(body.kind()),
                body.scopes(), body.servers(), body.platform()));
        // the secret is shown once: no cache on the way may keep this answer
        return Response.created(URI.create("/v1/admin/api-keys/" + created.key().id)).header("Cache-Control", "no-store")
                .entity(ApiKeyView.of(created.key(), created.secret())).build();
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List API keys (never their secrets)")
    public Page<ApiKeyView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        caller.requireAdmin();
        Page<ApiKey> page = keys.list(PageRequest.parse(limit, cursor));
        return new Page<>(page.items().stream().map(k -> ApiKeyView.of(k, null)).toList(), page.nextCursor());
    }

    @DELETE
    @Path("/{id}")
    @APIResponse(responseCode = "204", description = "Revoked")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key (holds on every instance within 1 s)")
    public Response revoke(@PathParam("id") String id) {
        caller.requireAdmin();
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No API key " + id);
        }
        keys.revoke(uuid);
        return Response.noContent().build();
    }

    private static KeyKind kindOf(String kind) {
        if (kind == null) return null;
        try {
            return KeyKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be one of [admin, platform, app]");
        }
    }
}
