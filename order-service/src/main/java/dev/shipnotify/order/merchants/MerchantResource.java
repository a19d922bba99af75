package dev.shipnotify.order.merchants;

import dev.shipnotify.order.Ids;
import dev.shipnotify.problem.AdminAuthenticated;
import dev.shipnotify.problem.Problem;
import dev.shipnotify.problem.ResourceNotFoundException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's API for merchants, guarded by the admin token. */
@Path("/api/admin/merchants")
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: merchants")
@SecurityRequirement(name = "adminToken")
@APIResponse(responseCode = "401", description = "Missing or wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MerchantResource {
    private final MerchantOnboarding onboarding;
    private final MerchantKeys keys;

    public MerchantResource(MerchantOnboarding onboarding, MerchantKeys keys) {
        this.onboarding = onboarding;
        this.keys = keys;
    }

    @POST
    @Operation(summary = "Create a merchant", description = "Answers with the merchant's API key, which is shown only here.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = MerchantView.class)))
    @APIResponse(responseCode = "400", description = "Invalid merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(MerchantRequest request, UriInfo uriInfo) {
        MerchantView created = onboarding.create(request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(created).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a merchant")
    @APIResponse(responseCode = "200", description = "The merchant, without its key",
            content = @Content(schema = @Schema(implementation = MerchantView.class)))
    @APIResponse(responseCode = "404", description = "No such merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MerchantView get(@PathParam("id") String id) {
        return Merchant.<Merchant>findByIdOptional(merchantId(id)).map(m -> MerchantView.of(m, null))
                .orElseThrow(() -> new ResourceNotFoundException("merchant", id));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a merchant's details",
            description = "Branding, sender and WhatsApp number; the same body as create. Orders placed from now on "
                    + "carry the new branding in order-placed. Keys are left as they are.")
    @APIResponse(responseCode = "200", description = "The merchant, without its key",
            content = @Content(schema = @Schema(implementation = MerchantView.class)))
    @APIResponse(responseCode = "400", description = "Invalid merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public MerchantView update(@PathParam("id") String id, MerchantRequest request) {
        return onboarding.update(merchantId(id), request)
                .orElseThrow(() -> new ResourceNotFoundException("merchant", id));
    }

    @GET
    @Path("/{id}/keys")
    @Operation(summary = "List a merchant's API keys", description = "Valid and revoked, oldest first; never the keys.")
    @APIResponse(responseCode = "200", description = "The keys",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "No such merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<ApiKeyView> keys(@PathParam("id") String id) {
        get(id);
        return keys.list(merchantId(id));
    }

    @POST
    @Path("/{id}/keys")
    @Operation(summary = "Issue another API key",
            description = "For rotation: the merchant's other keys stay valid until revoked. The answer is the only "
                    + "time the key is shown.")
    @APIResponse(responseCode = "201", description = "Issued; apiKey holds the key",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "404", description = "No such merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response issueKey(@PathParam("id") String id, UriInfo uriInfo) {
        ApiKeyView key = keys.issue(merchantId(id)).orElseThrow(() -> new ResourceNotFoundException("merchant", id));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(key.id().toString()).build()).entity(key)
                .build();
    }

    @DELETE
    @Path("/{id}/keys/{keyId}")
    @Operation(summary = "Revoke an API key",
            description = "Requests with the key answer 401 from now on. Revoking a revoked key answers the same.")
    @APIResponse(responseCode = "200", description = "The revoked key",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "404", description = "No such key for this merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApiKeyView revokeKey(@PathParam("id") String id, @PathParam("keyId") String keyId) {
        return Ids.parse(keyId).flatMap(key -> keys.revoke(merchantId(id), key))
                .orElseThrow(() -> new ResourceNotFoundException("API key", keyId));
    }

    /** A path id that is not a UUID names no merchant: 404 like any unknown id. */
    private static UUID merchantId(String id) {
        return Ids.parse(id).orElseThrow(() -> new ResourceNotFoundException("merchant", id));
    }
}
