package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Objects;

/**
 * A shopper answered one of the messages about an order: a quick-reply button ({@code REATTEMPT},
 * {@code UPDATE_ADDRESS}, {@code STARS_1} to {@code STARS_5}), {@code STOP}, or words of their own. Published by
 * notification-service for whoever acts on it: the merchant (deliver again, a new address), review-service (a star
 * rating).
 *
 * @param replyId   the provider's id of the reply (WhatsApp {@code wamid}); also the {@code ce_id}
 * @param milestone the milestone of the message answered ({@code FAILED_ATTEMPT}, {@code REVIEW_REQUEST}, ...)
 * @param action    the button's payload, or {@code STOP}; null for free text
 * @param text      what the shopper sees on the button, or wrote; null if nothing
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShopperReplied(int schemaVersion, String replyId, String orderId, String merchantId, String shipmentId,
        String milestone, String channel, String action, String text, Instant receivedAt) {

    public static final int SCHEMA_VERSION = 1;

    public ShopperReplied {
        Objects.requireNonNull(replyId, "replyId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
