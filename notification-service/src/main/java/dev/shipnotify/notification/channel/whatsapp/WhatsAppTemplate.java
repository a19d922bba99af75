package dev.shipnotify.notification.channel.whatsapp;

import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.order.OrderProjection;
import dev.shipnotify.notification.template.LocaleChain;
import dev.shipnotify.notification.template.MessageModel;
import dev.shipnotify.notification.template.MessageModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A WhatsApp message as the Cloud API takes it: an approved template, named per milestone (and per reason for
 * exceptions, so the approved wording says why), in the first of the shopper's, the merchant's default and English
 * that has approved templates, with its body parameters and quick-reply buttons.
 *
 * <p>The templates must be approved in the WhatsApp Business Manager under these names, in en, hi, bn and te, with
 * these body parameters in this order:
 * <ul>
 * <li>{@code order_confirmed}: first name, shop, order number, total</li>
 * <li>{@code order_cancelled}: first name, shop, order number</li>
 * <li>{@code order_shipped}: first name, order number, carrier, tracking link</li>
 * <li>{@code out_for_delivery}: first name, order number, tracking link</li>
 * <li>{@code delivery_attempt_failed}: first name, order number, tracking link; buttons REATTEMPT, UPDATE_ADDRESS</li>
 * <li>{@code shipment_exception_<reason>} (delayed, damaged, lost, address_issue, held_by_customs, refused, other):
 * first name, order number, tracking link; address_issue has the button UPDATE_ADDRESS</li>
 * <li>{@code order_delivered}: first name, order number, shop</li>
 * <li>{@code review_request}, {@code review_reminder}: first name, shop, first item; buttons STARS_1 to STARS_5</li>
 * </ul>
 *
 * @param quickReplies the payload of each quick-reply button, in button order; a tap comes back with it
 */
public record WhatsAppTemplate(String name, String language, List<String> body, List<String> quickReplies) {

    /** Languages with approved templates. */
    static final Set<String> LANGUAGES = Set.of("en", "hi", "bn", "te");
    public static final String REATTEMPT = "REATTEMPT";
    public static final String UPDATE_ADDRESS = "UPDATE_ADDRESS";
    /** Payload prefix of the review buttons: {@code STARS_1} .. {@code STARS_5}. */
    public static final String STARS = "STARS_";

    /** The template of a notification, its parameters formatted for its language. */
    public static WhatsAppTemplate of(Notification notification, OrderProjection order) {
        Locale locale = LocaleChain.of(order.shopperLocale, order.merchant.defaultLocale()).stream()
                .filter(candidate -> LANGUAGES.contains(candidate.getLanguage()))
                .findFirst().orElse(Locale.ENGLISH);
        MessageModel m = MessageModels.of(order, notification.shipment, notification.review, locale);
        String firstName = m.shopper().firstName();
        String number = m.order().number();
        String shop = m.merchant().name();
        String tracking = m.shipment() == null ? null : m.shipment().trackingUrl();
        String language = locale.getLanguage();
        return switch (notification.milestone) {
            case ORDER_CONFIRMED -> new WhatsAppTemplate("order_confirmed", language,
                    texts(firstName, shop, number, m.order().total()), List.of());
            case ORDER_CANCELLED -> new WhatsAppTemplate("order_cancelled", language, texts(firstName, shop, number),
                    List.of());
            case SHIPPED -> new WhatsAppTemplate("order_shipped", language,
                    texts(firstName, number, m.shipment().carrier(), tracking), List.of());
            case OUT_FOR_DELIVERY -> new WhatsAppTemplate("out_for_delivery", language,
                    texts(firstName, number, tracking), List.of());
            case FAILED_ATTEMPT -> new WhatsAppTemplate("delivery_attempt_failed", language,
                    texts(firstName, number, tracking), List.of(REATTEMPT, UPDATE_ADDRESS));
            case EXCEPTION -> exception(reason(m), language, texts(firstName, number, tracking));
            case DELIVERED -> new WhatsAppTemplate("order_delivered", language, texts(firstName, number, shop),
                    List.of());
            case REVIEW_REQUEST, REVIEW_REMINDER -> new WhatsAppTemplate(
                    notification.milestone == Milestone.REVIEW_REQUEST ? "review_request" : "review_reminder",
                    language, texts(firstName, shop, firstItem(m)),
                    List.of(STARS + 1, STARS + 2, STARS + 3, STARS + 4, STARS + 5));
            case THANK_YOU -> m.review() != null && m.review().discountCode() != null
                    ? new WhatsAppTemplate("review_thanks_discount", language,
                            texts(firstName, shop, m.review().discountCode()), List.of())
                    : new WhatsAppTemplate("review_thanks", language, texts(firstName, shop), List.of());
        };
    }

    private static WhatsAppTemplate exception(ExceptionReason reason, String language, List<String> body) {
        return new WhatsAppTemplate("shipment_exception_" + reason.name().toLowerCase(Locale.ROOT), language, body,
                reason == ExceptionReason.ADDRESS_ISSUE ? List.of(UPDATE_ADDRESS) : List.of());
    }

    private static ExceptionReason reason(MessageModel m) {
        try {
            return m.shipment().reason() == null ? ExceptionReason.OTHER : ExceptionReason.valueOf(m.shipment().reason());
        } catch (IllegalArgumentException e) {
            return ExceptionReason.OTHER;
        }
    }

    private static String firstItem(MessageModel m) {
        if (m.review() != null && !m.review().items().isEmpty()) {
            return m.review().items().get(0).name();
        }
        return m.order().lines().isEmpty() ? null : m.order().lines().get(0).name();
    }

    /**
     * Parameter texts as the Cloud API takes them: no line breaks, tabs or runs of spaces, never empty (it refuses
     * all of those with error 100).
     */
    static List<String> texts(String... values) {
        List<String> texts = new ArrayList<>();
        for (String value : values) {
            String text = value == null ? "" : value.replaceAll("\\s+", " ").strip();
            texts.add(text.isEmpty() ? "-" : text);
        }
        return texts;
    }

    /** The body of {@code POST /{version}/{phone-number-id}/messages}. */
    Map<String, Object> request(String to, String callbackData) {
        List<Map<String, Object>> components = new ArrayList<>();
        components.add(Map.of("type", "body", "parameters",
                body.stream().map(text -> Map.of("type", "text", "text", text)).toList()));
        for (int i = 0; i < quickReplies.size(); i++) {
            components.add(Map.of("type", "button", "sub_type", "quick_reply", "index", Integer.toString(i),
                    "parameters", List.of(Map.of("type", "payload", "payload", quickReplies.get(i)))));
        }
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", name);
        template.put("language", Map.of("policy", "deterministic", "code", language));
        template.put("components", components);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("messaging_product", "whatsapp");
        request.put("recipient_type", "individual");
        request.put("to", to);
        request.put("type", "template");
        request.put("template", template);
        request.put("biz_opaque_callback_data", callbackData);
        return request;
    }
}
