package dev.shipnotify.order.merchants;

import dev.shipnotify.order.Ids;
import dev.shipnotify.order.problem.Problem;
import dev.shipnotify.order.problem.ResourceNotFoundException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    public MerchantResource(MerchantOnboarding onboarding) {
        this.onboarding = onboarding;
    }

    @POST
    @Operation(summary = "Create a merchant", description = "Answers with the merchant's API key, which is shown only here.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = MerchantView.class)))
    @APIResponse(responseCode = "400", description = "Invalid merchant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(CreateMerchantRequest request, UriInfo uriInfo) {
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
        return Ids.parse(id).flatMap(uuid -> Merchant.<Merchant>findByIdOptional(uuid))
                .map(m -> MerchantView.of(m, null))
                .orElseThrow(() -> new ResourceNotFoundException("merchant", id));
    }
}
