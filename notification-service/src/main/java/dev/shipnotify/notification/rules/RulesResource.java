package dev.shipnotify.notification.rules;

import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.problem.AdminAuthenticated;
import dev.shipnotify.problem.InvalidRequestException;
import dev.shipnotify.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The operator's view of a merchant's notification rules: {@code GET} shows every milestone with its channels,
 * {@code PUT} replaces them ({@code {"channels": {"SHIPPED": ["WHATSAPP"], "DELIVERED": []},
 * "emailWaitsForWhatsAppRead": "PT5M"}}; a milestone left out goes on every channel).
 */
@Path("/api/admin/merchants/{merchantId}/notification-rules")
@AdminAuthenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No or a wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RulesResource {

    private final MerchantRules rules;

    public RulesResource(MerchantRules rules) {
        this.rules = rules;
    }

    /** What the API shows and takes. */
    /** {@code emailWaitsForWhatsAppRead} is an ISO-8601 duration such as {@code PT5M}, or null. */
    public record RulesView(Map<Milestone, Set<Channel>> channels, String emailWaitsForWhatsAppRead,
            Integer shopperCapPerDay) {
    }

    @GET
    @Operation(summary = "Read a merchant's notification rules", description = "Every milestone with its channels.")
    public RulesView get(@PathParam("merchantId") String merchantId) {
        NotificationRules current = rules.of(merchantId);
        return view(current);
    }

    @PUT
    @Operation(summary = "Replace a merchant's notification rules",
            description = "Milestones left out go on every channel; an empty list silences a milestone. "
                    + "emailWaitsForWhatsAppRead (e.g. PT5M) holds the email of a milestone that also goes on WhatsApp "
                    + "and drops it if the shopper read the WhatsApp message meanwhile. shopperCapPerDay (default 10) "
                    + "is how many messages a shopper gets per channel in 24 h before review requests give way.")
    @APIResponse(responseCode = "400", description = "Not rules: an unknown milestone or channel, or no body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RulesView put(@PathParam("merchantId") String merchantId, RulesView body) {
        if (body == null || body.channels() == null) {
            throw new InvalidRequestException("channels", "must name milestones and their channels");
        }
        if (body.channels().containsKey(null) || body.channels().values().stream()
                .anyMatch(set -> set == null || set.contains(null))) {
            throw new InvalidRequestException("channels", "milestones are " + Set.of(Milestone.values())
                    + " and channels " + Set.of(Channel.values()));
        }
        Duration wait = wait(body.emailWaitsForWhatsAppRead());
        if (body.shopperCapPerDay() != null && (body.shopperCapPerDay() < 1 || body.shopperCapPerDay() > 1000)) {
            throw new InvalidRequestException("shopperCapPerDay", "must be 1 to 1000");
        }
        NotificationRules updated = new NotificationRules(body.channels(), wait, body.shopperCapPerDay());
        rules.put(merchantId, updated);
        return view(updated);
    }

    private static Duration wait(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Duration wait = Duration.parse(text.strip());
            if (!wait.isNegative() && wait.compareTo(Duration.ofHours(24)) <= 0) {
                return wait;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new InvalidRequestException("emailWaitsForWhatsAppRead", "must be an ISO-8601 duration up to PT24H, "
                + "such as PT5M");
    }

    private static RulesView view(NotificationRules rules) {
        Duration wait = rules.emailWaitsForWhatsAppRead();
        return new RulesView(rules.effective(), wait == null ? null : wait.toString(), rules.shopperCapPerDay());
    }
}
