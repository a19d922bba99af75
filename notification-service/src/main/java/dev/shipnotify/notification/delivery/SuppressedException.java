package dev.shipnotify.notification.delivery;

/**
 * Thrown by a {@link ChannelSender} that must not send a notification at all (the shopper withdrew from the
 * channel after it was queued): the notification ends {@code SUPPRESSED}, not retried.
 */
public class SuppressedException extends RuntimeException {
    public SuppressedException(String why) {
        super(why);
    }
}
