package dev.shipnotify.notification.channel.email;

import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.ReviewAsk;
import dev.shipnotify.notification.delivery.ShipmentNews;
import dev.shipnotify.notification.order.OrderProjection;
import dev.shipnotify.notification.template.LocaleChain;
import dev.shipnotify.notification.template.MessageModel;
import dev.shipnotify.notification.template.MessageModels;
import dev.shipnotify.notification.template.MessageTemplates;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * Renders the email of a milestone for an order: {@code email/<milestone>.html} and {@code .txt} in the
 * shopper's language (or the merchant's, or English). The subject is the {@code subject} fragment of the
 * text template, so each language's files carry their own subject.
 */
@ApplicationScoped
public class EmailRenderer {

    static final String SUBJECT_FRAGMENT = "subject";

    private final MessageTemplates templates;

    public EmailRenderer(MessageTemplates templates) {
        this.templates = templates;
    }

    public RenderedEmail render(Milestone milestone, OrderProjection order) {
        return render(milestone, order, null, null);
    }

    /** A milestone's email: the order, and what a shipment event or a review request said (or nulls). */
    public RenderedEmail render(Milestone milestone, OrderProjection order, ShipmentNews shipment, ReviewAsk review) {
        List<Locale> locales = LocaleChain.of(order.shopperLocale, order.merchant.defaultLocale());
        MessageTemplates.Found html = templates.find(milestone, Channel.EMAIL, "html", locales);
        MessageTemplates.Found text = templates.find(milestone, Channel.EMAIL, "txt", locales);
        MessageModel model = MessageModels.of(order, shipment, review, html.locale());
        Template.Fragment subject = text.template().getFragment(SUBJECT_FRAGMENT);
        if (subject == null) {
            throw new IllegalStateException("template " + text.id() + " has no {#fragment id=subject}");
        }
        return new RenderedEmail(
                subject.data("m", model).render().strip().replaceAll("\\s+", " "),
                html.template().data("m", model).render(),
                text.template().data("m", model).render(),
                html.locale());
    }
}
