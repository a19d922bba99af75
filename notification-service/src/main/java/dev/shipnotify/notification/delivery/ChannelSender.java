package dev.shipnotify.notification.delivery;

import dev.shipnotify.notification.order.OrderProjection;
import java.util.List;

/**
 * Hands notifications to the provider of one channel (SMTP server, WhatsApp Cloud API) in two steps: {@link #prepare}
 * reads and renders a claimed batch inside the dispatcher's transaction (the dispatcher reads the batch's
 * order projections, once for every channel), then each {@link Send} talks to the provider
 * with no transaction open, side by side with the rest of the batch.
 */
public interface ChannelSender {

    Channel channel();

    /** False while the whole channel is out of order (e.g. its credentials expired): nothing is handed to it. */
    default boolean available() {
        return true;
    }

    /**
     * Reads what this batch needs beyond its order projections (opt-outs, say) in as few queries as it allows, in the
     * dispatcher's transaction, and returns what makes each of its notifications ready to go.
     */
    Preparer prepare(List<Notification> batch);

    /** Renders one notification of the batch {@link #prepare} read for, in the dispatcher's transaction. */
    @FunctionalInterface
    interface Preparer {
        /**
         * @return its exchange with the provider
         * @throws SuppressedException when it must not be sent at all
         */
        Send prepare(Notification notification, OrderProjection order);
    }

    /** One notification's exchange with the provider, run outside any transaction. */
    @FunctionalInterface
    interface Send {
        /**
         * Returns once the provider has accepted the message.
         *
         * @throws UndeliverableException when the recipient cannot be reached on this channel
         * @throws RejectedException when the provider refused the request as malformed
         * @throws ChannelUnavailableException when the channel as a whole stopped working
         * @throws RuntimeException when the provider did not accept it; the dispatcher retries with backoff
         */
        SentMessage send();
    }

    /** What the provider accepted: the subject or template name shown in the log, and the message id. */
    record SentMessage(String subject, String messageId) {
    }
}
