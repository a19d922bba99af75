package dev.shipnotify.tracking.webhook;

import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ProblemType;

/** A webhook whose signature is missing, wrong or stale: 401, and nothing of it is stored. */
public class SignatureRejectedException extends ProblemException {
    static final ProblemType INVALID_SIGNATURE = new ProblemType("invalid-signature", "Invalid webhook signature", 401);

    public SignatureRejectedException(String detail) {
        super(INVALID_SIGNATURE, detail);
    }
}
