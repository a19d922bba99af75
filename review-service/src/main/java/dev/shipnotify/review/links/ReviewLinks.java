package dev.shipnotify.review.links;

import dev.shipnotify.contracts.Digests;
import dev.shipnotify.review.ReviewConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * The signed, expiring links of review requests. A link names an order, one of its items and an expiry, and
 * carries an HMAC-SHA256 over exactly those three, so it opens that item's review and nothing else: changing any
 * of them, or using a signature with another order's or item's address, fails the check. The star count is part of
 * the address but not of the signature, so one link per item lets the shopper change their mind until it expires.
 * {@link #ORDER} stands for the order as a whole (the opt-out link).
 */
@ApplicationScoped
public class ReviewLinks {
    /** The "item" of a link about the whole order. */
    public static final String ORDER = "*";

    private final byte[] key;
    private final String publicUrl;
    private final Clock clock;

    public ReviewLinks(ReviewConfig config, Clock clock) {
        if (config.linkSecret().length() < 32) {
            throw new IllegalStateException("review.link-secret must be at least 32 characters");
        }
        this.key = config.linkSecret().getBytes(StandardCharsets.UTF_8);
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        this.clock = clock;
    }

    /** The one-click link that rates {@code sku} of the order with {@code stars}. */
    public String starUrl(String orderId, String sku, int stars, Instant expiresAt) {
        return publicUrl + starPath(orderId, sku, stars, expiresAt);
    }

    /** {@link #starUrl} without this service's address, for links on its own pages. */
    public String starPath(String orderId, String sku, int stars, Instant expiresAt) {
        return itemPath(orderId, sku) + "/" + stars + "?e=" + expiresAt.getEpochSecond() + "&s="
                + signature(orderId, sku, expiresAt);
    }

    /** Where the review form of an item posts (with the link's {@code e} and {@code s} as fields). */
    public static String itemPath(String orderId, String sku) {
        return "/r/" + segment(orderId) + "/" + segment(sku);
    }

    /** Where the opt-out form of an order posts (with {@code e} and the {@link #ORDER} signature as fields). */
    public static String optOutPath(String orderId) {
        return "/r/" + segment(orderId) + "/opt-out";
    }

    /** The signature of a link, for forms that post back to it. */
    public String signature(String orderId, String sku, Instant expiresAt) {
        byte[] mac = Digests.hmacSha256(key, (orderId + "\n" + sku + "\n" + expiresAt.getEpochSecond())
                .getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /**
     * Checks a link as it came in.
     *
     * @throws LinkRejectedException if the signature does not match (forged, or another order's or item's) or
     *                               the link has expired
     */
    public void check(String orderId, String sku, long expiresEpochSecond, String signature) {
        Instant expiresAt = Instant.ofEpochSecond(expiresEpochSecond);
        byte[] expected = signature(orderId, sku, expiresAt).getBytes(StandardCharsets.US_ASCII);
        if (signature == null || !MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw LinkRejectedException.forged();
        }
        if (!clock.instant().isBefore(expiresAt)) {
            throw LinkRejectedException.expired(expiresAt);
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
