package dev.shipnotify.order.orders;

import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ProblemType;

/** The caller sent an Idempotency-Key it already used, with a different request body. */
public class IdempotencyKeyReusedException extends ProblemException {
    static final ProblemType IDEMPOTENCY_KEY_REUSED = new ProblemType("idempotency-key-reused",
            "Idempotency-Key reused with a different request", 422);

    public IdempotencyKeyReusedException() {
        super(IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used with a different request; use a new key for a new request");
    }
}
