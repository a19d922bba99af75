package dev.shipnotify.notification.delivery;

/**
 * Thrown by a {@link ChannelSender} when the provider says this recipient cannot be reached on the channel at all
 * (WhatsApp 131026: not a WhatsApp number, terms not accepted, an old app): retrying is pointless, so the
 * notification ends {@code FAILED} and the message falls back to another channel.
 */
public class UndeliverableException extends RuntimeException {
    public UndeliverableException(String why) {
        super(why);
    }
}
