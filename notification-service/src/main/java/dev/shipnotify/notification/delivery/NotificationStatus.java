package dev.shipnotify.notification.delivery;

/** Where a notification stands. Stored by name; no database constraint, so new states need no migration. */
public enum NotificationStatus {
    /** Waiting for the sender loop, on its first attempt or on a retry after {@code next_attempt_at}. */
    QUEUED,
    /** The provider accepted it (for email: the SMTP server took the message). */
    SENT,
    /** The provider reported it reached the shopper's device (WhatsApp {@code delivered}). */
    DELIVERED,
    /** The provider reported the shopper read it (WhatsApp {@code read}). */
    READ,
    /**
     * Not delivered: the retry budget is spent, or the provider said the recipient cannot be reached or the request
     * is malformed; the row keeps the last error and every attempt.
     */
    FAILED,
    /** Not sent, on purpose: the shopper withdrew from the channel after it was queued; {@code last_error} says why. */
    SUPPRESSED
}
