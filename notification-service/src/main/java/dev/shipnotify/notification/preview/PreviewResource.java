package dev.shipnotify.notification.preview;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.notification.channel.email.EmailRenderer;
import dev.shipnotify.notification.channel.email.RenderedEmail;
import dev.shipnotify.notification.channel.whatsapp.WhatsAppTemplate;
import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.order.MerchantBranding;
import dev.shipnotify.notification.order.OrderProjection;
import dev.shipnotify.problem.AdminAuthenticated;
import dev.shipnotify.problem.InvalidRequestException;
import dev.shipnotify.problem.Problem;
import dev.shipnotify.problem.ResourceNotFoundException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Renders any message for a sample order without sending it: {@code GET /api/admin/previews/{channel}/{milestone}}
 * ({@code email} or {@code whatsapp}; {@code out-for-delivery} or {@code OUT_FOR_DELIVERY}) with {@code locale}, for
 * exceptions {@code reason}, and {@code merchantId} to use the branding of that merchant's latest order. The HTML
 * part of an email opens in a browser at {@code .../email/{milestone}/html}.
 */
@Path("/api/admin/previews")
@AdminAuthenticated
@APIResponse(responseCode = "401", description = "No or a wrong admin token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PreviewResource {

    private final EmailRenderer emails;

    public PreviewResource(EmailRenderer emails) {
        this.emails = emails;
    }

    /** An email's subject, HTML and text; or a WhatsApp template with its parameters and buttons. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preview(String channel, String milestone, String language, String subject, String html, String text,
            String template, List<String> parameters, List<String> quickReplies) {
    }

    @GET
    @Path("/{channel}/{milestone}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Render a message for a sample order, without sending it")
    @APIResponse(responseCode = "404", description = "No such channel or milestone",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Transactional
    public Preview preview(@PathParam("channel") String channel, @PathParam("milestone") String milestone,
            @QueryParam("locale") String locale, @QueryParam("reason") String reason,
            @QueryParam("merchantId") String merchantId) {
        Milestone which = milestone(milestone);
        OrderProjection order = SampleOrder.order(branding(merchantId), locale == null ? "en-IN" : locale);
        Notification notification = new Notification();
        notification.milestone = which;
        notification.shipment = SampleOrder.news(which, reason(reason));
        notification.review = SampleOrder.review(which, order);
        return switch (channel(channel)) {
            case EMAIL -> {
                RenderedEmail email = emails.render(which, order, notification.shipment, notification.review);
                yield new Preview("EMAIL", which.name(), email.locale().getLanguage(), email.subject(), email.html(),
                        email.text(), null, null, null);
            }
            case WHATSAPP -> {
                WhatsAppTemplate template = WhatsAppTemplate.of(notification, order);
                yield new Preview("WHATSAPP", which.name(), template.language(), null, null, null, template.name(),
                        template.body(), template.quickReplies());
            }
        };
    }

    @GET
    @Path("/email/{milestone}/html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The HTML part of an email for a sample order, to open in a browser")
    @Transactional
    public String emailHtml(@PathParam("milestone") String milestone, @QueryParam("locale") String locale,
            @QueryParam("reason") String reason, @QueryParam("merchantId") String merchantId) {
        return preview("email", milestone, locale, reason, merchantId).html();
    }

    private static MerchantBranding branding(String merchantId) {
        if (merchantId == null || merchantId.isBlank()) {
            return SampleOrder.MERCHANT;
        }
        return OrderProjection.<OrderProjection>find("merchantId = ?1 order by placedAt desc", merchantId.strip())
                .firstResultOptional().map(order -> order.merchant)
                .orElseThrow(() -> new ResourceNotFoundException("order of merchant", merchantId));
    }

    private static Channel channel(String name) {
        try {
            return Channel.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ResourceNotFoundException("channel", name);
        }
    }

    private static Milestone milestone(String name) {
        return Arrays.stream(Milestone.values())
                .filter(m -> m.name().equalsIgnoreCase(name) || m.key().equalsIgnoreCase(name))
                .findFirst().orElseThrow(() -> new ResourceNotFoundException("milestone", name));
    }

    private static ExceptionReason reason(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return ExceptionReason.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("reason", "must be one of " + Arrays.toString(ExceptionReason.values()));
        }
    }
}
