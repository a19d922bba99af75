package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order was placed. Carries everything downstream services need without calling back: the merchant's
 * branding as it was at checkout, the shopper's contact and consent, the items and the shipping city.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderPlaced(int schemaVersion, String orderId, String merchantId, Instant placedAt, Merchant merchant,
        Customer customer, List<Item> items, Money total, Shipping shipping) {

    public static final int SCHEMA_VERSION = 1;

    public OrderPlaced {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(placedAt, "placedAt");
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(customer, "customer");
        items = List.copyOf(items);
        Objects.requireNonNull(total, "total");
    }

    /** The merchant's branding snapshot, so a message looks like the shop the shopper bought from. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Merchant(String name, String senderName, String senderEmail, String supportEmail,
            String supportPhone, String logoUrl, String brandColor, String defaultLocale,
            String whatsappPhoneNumberId) {
    }

    /** The shopper: contact, language, time zone (IANA id) and the consent captured at checkout. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Customer(String name, String email, String phone, String locale, String timeZone,
            Consent consent) {
    }

    /** Per-channel consent given at checkout. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Consent(boolean email, boolean whatsapp) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String sku, String name, int quantity, Money unitPrice, String imageUrl) {
    }

    /** Where the parcel goes, only as precise as notifications and the tracking page need. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shipping(String city, String postcode, String country) {
    }
}
