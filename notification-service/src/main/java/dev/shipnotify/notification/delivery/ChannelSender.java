package dev.shipnotify.notification.delivery;

/** Hands a notification to the provider of one channel (SMTP server, WhatsApp Cloud API). */
public interface ChannelSender {

    Channel channel();

    /** False while the whole channel is out of order (e.g. its credentials expired): nothing is handed to it. */
    default boolean available() {
        return true;
    }

    /**
     * Renders and sends the notification (reading whatever it shows from this service's projections, in the
     * dispatcher's transaction); returns once the provider has accepted it.
     *
     * @throws SuppressedException when it must not be sent at all
     * @throws UndeliverableException when the recipient cannot be reached on this channel
     * @throws RejectedException when the provider refused the request as malformed
     * @throws ChannelUnavailableException when the channel as a whole stopped working
     * @throws RuntimeException when the provider did not accept it; the dispatcher retries with backoff
     */
    SentMessage send(Notification notification);

    /** What the provider accepted: the subject or template name shown in the log, and the message id. */
    record SentMessage(String subject, String messageId) {
    }
}
