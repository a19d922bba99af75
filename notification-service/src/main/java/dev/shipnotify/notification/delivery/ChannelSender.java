package dev.shipnotify.notification.delivery;

import java.util.List;
import java.util.function.Supplier;

/**
 * Hands notifications to the provider of one channel (SMTP server, WhatsApp Cloud API) in two steps: {@link #prepare}
 * reads and renders a claimed batch inside the dispatcher's transaction, then each {@link Send} talks to the provider
 * with no transaction open, side by side with the rest of the batch.
 */
public interface ChannelSender {

    Channel channel();

    /** False while the whole channel is out of order (e.g. its credentials expired): nothing is handed to it. */
    default boolean available() {
        return true;
    }

    /**
     * Makes these notifications ready to go, reading what they show from this service's projections in as few
     * queries as the batch allows (in the dispatcher's transaction). Returns one {@link Send} per notification, in
     * the same order; a notification that must not or cannot go gets a send that throws why (see {@link #refusal}).
     */
    List<Send> prepare(List<Notification> batch);

    /** One notification's exchange with the provider, run outside any transaction. */
    @FunctionalInterface
    interface Send {
        /**
         * Returns once the provider has accepted the message.
         *
         * @throws SuppressedException when it must not be sent at all
         * @throws UndeliverableException when the recipient cannot be reached on this channel
         * @throws RejectedException when the provider refused the request as malformed
         * @throws ChannelUnavailableException when the channel as a whole stopped working
         * @throws RuntimeException when the provider did not accept it; the dispatcher retries with backoff
         */
        SentMessage send();
    }

    /** What {@code prepare} produced, or, if preparing threw, a send that throws the same. */
    static Send refusal(Supplier<Send> prepare) {
        try {
            return prepare.get();
        } catch (RuntimeException e) {
            return () -> {
                throw e;
            };
        }
    }

    /** What the provider accepted: the subject or template name shown in the log, and the message id. */
    record SentMessage(String subject, String messageId) {
    }
}
