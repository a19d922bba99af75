package dev.shipnotify.notification.testing;

import dev.shipnotify.contracts.Money;
import dev.shipnotify.contracts.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Object mother for {@link OrderPlaced}: every order has its own id and shopper address. */
public final class Orders {

    public static final String SENDER_NAME = "Acme Kitchenware";
    public static final String SENDER_EMAIL = "orders@acme-kitchen.example";

    private Orders() {
    }

    public static Builder anOrder() {
        return new Builder();
    }

    public static final class Builder {
        private final String orderId = UUID.randomUUID().toString();
        private String email = "shopper-" + orderId.substring(0, 8) + "@example.com";
        /** Unique per order, so each test reads only its own shopper's WhatsApp messages from the shared sandbox. */
        private final String phone = "+9170" + String.format("%08d", Math.floorMod(orderId.hashCode(), 100_000_000));
        private String merchantId = "merchant-acme";
        private boolean emailConsent = true;
        private boolean whatsappConsent = true;
        private String locale = "en-IN";
        private String timeZone = "Asia/Kolkata";

        public Builder merchant(String merchantId) {
            this.merchantId = merchantId;
            return this;
        }

        public Builder withoutWhatsAppConsent() {
            this.whatsappConsent = false;
            return this;
        }

        public Builder timeZone(String timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        public Builder withoutEmailConsent() {
            this.emailConsent = false;
            return this;
        }

        public Builder locale(String locale) {
            this.locale = locale;
            return this;
        }

        public OrderPlaced build() {
            var merchant = new OrderPlaced.Merchant("Acme Kitchen", SENDER_NAME, SENDER_EMAIL, "help@acme-kitchen.example",
                    "+919812345678", "https://cdn.acme-kitchen.example/logo.png", "#0e7490", "en-IN", "1098765432");
            var customer = new OrderPlaced.Customer("Asha Rao", email, phone, locale, timeZone,
                    new OrderPlaced.Consent(emailConsent, whatsappConsent));
            var items = List.of(
                    new OrderPlaced.Item("SKU-PAN-28", "Cast iron pan 28 cm", 1, inr("1499.00"), null),
                    new OrderPlaced.Item("SKU-TEA-TOWEL", "Cotton tea towel", 3, inr("199.00"),
                            "https://cdn.acme-kitchen.example/towel.jpg"));
            return new OrderPlaced(OrderPlaced.SCHEMA_VERSION, orderId, merchantId,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), merchant, customer, items, inr("2096.00"),
                    new OrderPlaced.Shipping("Bengaluru", "560001", "IN"));
        }

        private static Money inr(String amount) {
            return new Money(new BigDecimal(amount), "INR");
        }
    }
}
