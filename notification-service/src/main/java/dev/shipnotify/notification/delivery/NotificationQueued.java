package dev.shipnotify.notification.delivery;

import java.util.UUID;

/** CDI event: a notification was queued; observed after the queuing transaction commits to wake the sender. */
public record NotificationQueued(UUID id, Channel channel) {
}
