package dev.shipnotify.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Every setting of the notification-service under {@code notification.*}; each is also an environment variable. */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    /**
     * Where shoppers reach this service: the unsubscribe links in emails are {@code <public-url>/unsubscribe/...}
     * ({@code notification.public-url}).
     */
    @WithDefault("http://127.0.0.1:8083")
    String publicUrl();

    /** The operator's token for {@code /api/admin/...} ({@code notification.admin-token}); unset: all refused. */
    Optional<String> adminToken();

    Email email();

    WhatsApp whatsapp();

    /**
     * Hours in the shopper's time zone when WhatsApp messages wait, e.g. {@code 21:00-08:00}
     * ({@code notification.quiet-hours}); out-for-delivery and failed-attempt messages go at once all the same.
     * Unset: no quiet hours.
     */
    Optional<String> quietHours();

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

    interface WhatsApp {
        /**
         * The WhatsApp Cloud API's access token ({@code notification.whatsapp.access-token}). Unset: the channel is
         * off and no WhatsApp message is queued.
         */
        Optional<String> accessToken();

        /** The Graph API's root ({@code notification.whatsapp.api-url}); in dev and {@code ./suite up}, the sandbox. */
        @WithDefault("https://graph.facebook.com")
        String apiUrl();

        /** The Graph API version in the path ({@code notification.whatsapp.api-version}). */
        @WithDefault("v21.0")
        String apiVersion();

        /**
         * The business phone number messages are sent from when the order's merchant has none of its own
         * ({@code notification.whatsapp.phone-number-id}).
         */
        @WithDefault("100000000000002")
        String phoneNumberId();

        /**
         * The Meta app's secret: status and reply webhooks must carry its {@code X-Hub-Signature-256}
         * ({@code notification.whatsapp.app-secret}). Unset: every webhook is refused.
         */
        Optional<String> appSecret();

        /** What Meta's subscription handshake must present as {@code hub.verify_token} ({@code notification.whatsapp.verify-token}). */
        Optional<String> verifyToken();

        /** Bound on one call to the Graph API ({@code notification.whatsapp.timeout}). */
        @WithDefault("10s")
        Duration timeout();
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
         * Notifications one worker claims and sends together ({@code notification.sender.batch-size}): one
         * transaction claims them, their sends go side by side, one transaction records them. A crash repeats at
         * most the sends under way, workers × batch size.
         */
        @WithDefault("16")
        int batchSize();

        /**
         * Batches one process sends at the same time ({@code notification.sender.workers}); messages of one order on
         * one channel still go one after the other, in the order they were queued.
         */
        @WithDefault("2")
        int workers();

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
