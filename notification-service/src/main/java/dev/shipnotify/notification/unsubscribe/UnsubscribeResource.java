package dev.shipnotify.notification.unsubscribe;

import dev.shipnotify.problem.Problem;
import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ProblemType;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The link in every email's {@code List-Unsubscribe} header. A mail client's one-click button POSTs to it
 * (RFC 8058), as does the button on the page a GET shows; a GET alone changes nothing, because link scanners
 * open every link of a mail.
 */
@Path("/unsubscribe/{token}")
@Tag(name = "Unsubscribe")
public class UnsubscribeResource {
    private final Unsubscribes unsubscribes;

    public UnsubscribeResource(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    @CheckedTemplate
    static class Templates {
        /** {@code lang}: hi, bn, te or en; {@code done}: whether the shopper is unsubscribed now. */
        static native TemplateInstance page(String lang, boolean done);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The unsubscribe page: a button that unsubscribes; opening it changes nothing")
    @APIResponse(responseCode = "404", description = "Not a link of ours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String page(@PathParam("token") String token) {
        return Templates.page(language(subscriber(token)), false).render();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Unsubscribe from the merchant's emails (RFC 8058 one-click, or the page's button)")
    @APIResponse(responseCode = "200", description = "Unsubscribed (again, if it was before)")
    @APIResponse(responseCode = "404", description = "Not a link of ours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String unsubscribe(@PathParam("token") String token) {
        Unsubscribes.Subscriber subscriber = subscriber(token);
        unsubscribes.optOut(subscriber);
        Log.infof("A shopper unsubscribed from the emails of merchant %s", subscriber.merchantId());
        return Templates.page(language(subscriber), true).render();
    }

    private Unsubscribes.Subscriber subscriber(String token) {
        return unsubscribes.read(token).orElseThrow(NotOurLink::new);
    }

    /** A token we did not sign: made up, cut short or changed. */
    static class NotOurLink extends ProblemException {
        NotOurLink() {
            super(ProblemType.NOT_FOUND, "This is not an unsubscribe link of ours, or it was changed");
        }
    }

    private static String language(Unsubscribes.Subscriber subscriber) {
        String language = Locale.forLanguageTag(subscriber.locale()).getLanguage();
        return switch (language) {
            case "hi", "bn", "te" -> language;
            default -> "en";
        };
    }
}
