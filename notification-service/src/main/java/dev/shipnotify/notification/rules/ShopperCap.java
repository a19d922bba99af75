package dev.shipnotify.notification.rules;

import dev.shipnotify.notification.delivery.Channel;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.order.OrderProjection;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-shopper cap: how many messages a merchant's shopper gets on one channel in 24 hours
 * ({@link NotificationRules#shopperCapPerDay()}). Delivery news always goes and counts; a review request goes only
 * below the cap; a thank-you gives way one message earlier still.
 */
@ApplicationScoped
public class ShopperCap {

    static final Duration WINDOW = Duration.ofHours(24);

    private final MerchantRules rules;

    public ShopperCap(MerchantRules rules) {
        this.rules = rules;
    }

    /** Why this message must not go, or empty if it may. In the caller's transaction. */
    public Optional<String> refuses(OrderProjection order, Milestone milestone, Channel channel, String recipient) {
        int limit = switch (milestone.priority()) {
            case DELIVERY_NEWS -> Integer.MAX_VALUE;
            case REVIEW_REQUEST -> rules.of(order.merchantId).shopperCapPerDay();
            case THANK_YOU -> rules.of(order.merchantId).shopperCapPerDay() - 1;
        };
        if (limit == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        long recent = ((Number) Panache.getEntityManager().createNativeQuery("""
                        SELECT count(*) FROM notification
                        WHERE merchant_id = :merchant AND recipient = :recipient AND channel = :channel
                          AND created_at > :since AND status <> 'SUPPRESSED'""")
                .setParameter("merchant", order.merchantId)
                .setParameter("recipient", recipient)
                .setParameter("channel", channel.name())
                .setParameter("since", Instant.now().minus(WINDOW))
                .getSingleResult()).longValue();
        return recent < limit ? Optional.empty() : Optional.of("the shopper had " + recent + " " + channel.key()
                + " messages from the merchant in 24 h; a " + milestone.priority().name().toLowerCase().replace('_', ' ')
                + " waits below " + limit);
    }
}
