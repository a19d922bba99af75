package dev.shipnotify.contracts.inbox;

/**
 * An event that no retry can ever handle (no event id, a body that is not the event it claims to be). The
 * consumer lets it go to its dead-letter topic with this message as the {@code dead-letter-reason} and
 * carries on with the next record.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }
}
