package dev.shipnotify.notification.delivery;

/**
 * Thrown by a {@link ChannelSender} when the provider refused the request itself (WhatsApp 100: invalid
 * parameter): a bug on our side that a retry cannot fix. The notification ends {@code FAILED} and goes to the
 * dead-letter topic with the reason, for someone to fix and replay.
 */
public class RejectedException extends RuntimeException {
    public RejectedException(String why) {
        super(why);
    }
}
