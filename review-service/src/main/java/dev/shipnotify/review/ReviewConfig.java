package dev.shipnotify.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code review.*}: when to ask, how long links work, what to sign them with; per merchant
 * ({@code review.merchants."<merchant id>".*}) the delays can differ, and a merchant can thank reviewers, with a
 * discount code for their next order.
 */
@ConfigMapping(prefix = "review")
public interface ReviewConfig {

    /** How long after delivery the request goes out. */
    @WithDefault("P3D")
    Duration requestDelay();

    /** How long after the request the one reminder goes out, if nothing came back. */
    @WithDefault("P4D")
    Duration reminderDelay();

    /** How long a request's links work (to rate, and to change the rating or the comment). */
    @WithDefault("P30D")
    Duration linkValidity();

    /** Where shoppers reach this service: the star links start with it. */
    @WithDefault("http://127.0.0.1:8084")
    String publicUrl();

    /** The HMAC key of the star links (at least 32 characters). Production: REVIEW_LINK_SECRET. */
    String linkSecret();

    /** Longest comment kept, in characters, after markup is stripped. */
    @WithDefault("2000")
    int commentMaxLength();

    Scheduler scheduler();

    /** The scheduler of due requests. */
    interface Scheduler {
        /** How often it looks for due requests ({@code off}: never by itself; tests run its rounds). */
        String pollInterval();

        /** Due requests handled per batch of a round. */
        @WithDefault("500")
        int batchSize();
    }

    /** The relay of events written into review requests. */
    Map<String, Merchant> merchants();

    /** A merchant's own settings; anything not given is the service's default. */
    interface Merchant {
        Optional<Duration> requestDelay();

        Optional<Duration> reminderDelay();

        /** Thank the shopper after their first rating of an order (default: no). */
        @WithDefault("false")
        boolean thankYou();

        /** A discount code for the shopper's next order, offered in the thank-you. */
        Optional<String> thankYouDiscount();
    }

    default Duration requestDelay(String merchantId) {
        return merchant(merchantId).flatMap(Merchant::requestDelay).orElse(requestDelay());
    }

    default Duration reminderDelay(String merchantId) {
        return merchant(merchantId).flatMap(Merchant::reminderDelay).orElse(reminderDelay());
    }

    default Optional<Merchant> merchant(String merchantId) {
        return Optional.ofNullable(merchantId == null ? null : merchants().get(merchantId));
    }
}
