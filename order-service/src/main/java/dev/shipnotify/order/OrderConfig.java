package dev.shipnotify.order;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of order-service under {@code order.*}; each is also an environment variable ({@code ORDER_...}). */
@ConfigMapping(prefix = "order")
public interface OrderConfig {

    /**
     * Bearer token that guards {@code /api/admin/**} ({@code ORDER_ADMIN_TOKEN}). No default: production must set
     * it; the dev and test profiles set their own.
     */
    String adminToken();

    /** How much one order may carry. */
    Limits limits();

    interface Limits {
        /** Most line items in one order. */
        @WithDefault("100")
        int maxItems();

        /** Most units of one line item. */
        @WithDefault("10000")
        int maxQuantity();
    }
}
