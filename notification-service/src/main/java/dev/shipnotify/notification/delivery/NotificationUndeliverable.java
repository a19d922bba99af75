package dev.shipnotify.notification.delivery;

/**
 * CDI event, fired synchronously in the transaction that marks a notification undeliverable on its channel:
 * the observer may queue the same message on another channel.
 */
public record NotificationUndeliverable(Notification notification, String reason) {
}
