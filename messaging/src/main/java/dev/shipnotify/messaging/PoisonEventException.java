package dev.shipnotify.messaging;

import java.util.Optional;

/**
 * An event that no retry can ever handle (no event id, a body that is not the event it claims to be, an order
 * unknown to this service). The consumer sends it to its dead-letter topic with this message as the
 * {@code dead-letter-reason} and applies the rest of its batch.
 *
 * <p>Thrown while a batch is applied, it names the event it is about ({@link #event}), so that only that record
 * leaves the batch; one that names none is treated as any other failure of the batch.
 */
public class PoisonEventException extends RuntimeException {
    private final transient EventEnvelope event;

    public PoisonEventException(String reason) {
        this(null, reason);
    }

    public PoisonEventException(EventEnvelope event, String reason) {
        super(reason);
        this.event = event;
    }

    public Optional<EventEnvelope> event() {
        return Optional.ofNullable(event);
    }
}
