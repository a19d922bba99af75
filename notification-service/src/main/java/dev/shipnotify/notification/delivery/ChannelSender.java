package dev.shipnotify.notification.delivery;

/** Hands a notification to the provider of one channel (SMTP server, WhatsApp Cloud API). */
public interface ChannelSender {

    Channel channel();

    /**
     * Renders and sends the notification (reading whatever it shows from this service's projections, in the
     * dispatcher's transaction); returns once the provider has accepted it.
     *
     * @throws RuntimeException when the provider did not accept it; the dispatcher retries with backoff
     */
    SentMessage send(Notification notification);

    /** What the provider accepted: the subject or template name shown in the log, and the message id. */
    record SentMessage(String subject, String messageId) {
    }
}
