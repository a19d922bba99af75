package dev.shipnotify.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Every setting of the notification-service under {@code notification.*}; each is also an environment variable. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    /**
     * Where shoppers reach this service: the unsubscribe links in emails are {@code <public-url>/unsubscribe/...}
     * ({@code notification.public-url}).
     */
    @WithDefault("http://127.0.0.1:8083")
    String publicUrl();

    Email email();

    Sender sender();

    Parked parked();

    interface Parked {
        /**
         * How long an event about an unknown order waits for its order; after that it goes to its topic's
         * dead-letter topic with the reason ({@code notification.parked.max-wait}).
         */
        @WithDefault("PT24H")
        Duration maxWait();

        /** How often waiting events are checked for expiry ({@code notification.parked.check-interval}). */
        @WithDefault("1m")
        String checkInterval();
    }

    interface Email {
        /**
         * Display name on the {@code From} header when the order's merchant snapshot has no sender name
         * ({@code notification.email.default-sender-name}).
         */
        @WithDefault("Shipnotify")
        String defaultSenderName();

        /**
         * Address on the {@code From} header when the merchant snapshot has no sender email; its domain is
         * also the right-hand side of the {@code Message-ID}s we generate for such mails
         * ({@code notification.email.default-sender-address}).
         */
        @WithDefault("notifications@shipnotify.local")
        String defaultSenderAddress();
    }

    interface Sender {
        /**
         * How often the sender loop looks for notifications that are due: retries whose backoff ran out, and
         * rows another replica queued ({@code notification.sender.interval}). A new notification does not wait
         * for it: the transaction that queues it wakes the sender when it commits. Quarkus' scheduler ticks
         * once a second, so shorter values act as 1 s.
         */
        @WithDefault("1s")
        Duration interval();

        /**
         * Notifications one worker task sends before it hands over to a fresh task, so a long backlog does not
         * hold one thread ({@code notification.sender.batch-size}).
         */
        @WithDefault("50")
        int batchSize();

        Retry retry();
    }

    interface Retry {
        /**
         * Delivery attempts per notification before it is marked {@code FAILED} ({@code notification.sender.retry.max-attempts}).
         * With the default backoff, 10 attempts cover about 18 minutes of an unreachable SMTP server.
         */
        @WithDefault("10")
        int maxAttempts();

        /** Wait before the second attempt; each later wait doubles ({@code notification.sender.retry.initial-backoff}). */
        @WithDefault("2s")
        Duration initialBackoff();

        /** Upper bound of the wait between two attempts ({@code notification.sender.retry.max-backoff}). */
        @WithDefault("5m")
        Duration maxBackoff();
    }
}
