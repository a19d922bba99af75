package dev.shipnotify.order.problem;

/** The caller sent an Idempotency-Key it already used, with a different request body. */
public class IdempotencyKeyReusedException extends ProblemException {

    public IdempotencyKeyReusedException() {
        super(ProblemType.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used with a different request; use a new key for a new request");
    }
}
