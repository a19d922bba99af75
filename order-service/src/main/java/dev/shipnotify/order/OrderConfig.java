package dev.shipnotify.order;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of order-service under {@code order.*}; each is also an environment variable ({@code ORDER_...}). */
@ConfigMapping(prefix = "order")
public interface OrderConfig {

    /**
     * Bearer token that guards {@code /api/admin/**} ({@code ORDER_ADMIN_TOKEN}). No default: production must set
     * it; the dev and test profiles set their own.
     */
    String adminToken();

    /** CloudEvents {@code ce_source} of every event this service publishes. */
    @WithDefault("/order-service")
    String eventSource();

    /** How much one order may carry. */
    Limits limits();

    /** The transactional outbox relay. */
    Outbox outbox();

    interface Limits {
        /** Most line items in one order. */
        @WithDefault("100")
        int maxItems();

        /** Most units of one line item. */
        @WithDefault("10000")
        int maxQuantity();
    }

    interface Outbox {
        /**
         * How often the relay looks for rows no commit of this process announced (another replica's, or rows left
         * by a crash). Quarkus's scheduler checks its triggers once a second, so less than 1s acts as 1s; latency
         * stays low anyway because every commit that writes a row nudges the relay at once.
         */
        @WithDefault("1s")
        Duration pollInterval();

        /** Rows claimed, sent and marked published in one transaction. */
        @WithDefault("100")
        int batchSize();

        /** How long one batch may wait for the broker's acks before its rows are left for a later attempt. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** Longest pause between attempts while the broker or the database is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();

        /** How long published rows are kept (for audits and replays by hand) before they are deleted. */
        @WithDefault("P7D")
        Duration retention();
    }
}
