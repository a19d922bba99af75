package dev.shipnotify.notification.delivery;

/**
 * Thrown by a {@link ChannelSender} when the whole channel stopped working (WhatsApp 190: the access token
 * expired): the notification is not charged an attempt and waits, and the sender reports the channel
 * unavailable until it works again, so no other message is burnt on it meanwhile.
 */
public class ChannelUnavailableException extends RuntimeException {
    public ChannelUnavailableException(String why) {
        super(why);
    }
}
