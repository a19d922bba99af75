package dev.shipnotify.notification.delivery;

import java.time.Duration;

/** Exponential backoff between delivery attempts: initial, 2x, 4x, ... capped at max. */
public record Backoff(Duration initial, Duration max) {

    /** How long to wait after the given number of failed attempts (1 = after the first failure). */
    public Duration after(int failedAttempts) {
        if (failedAttempts < 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
