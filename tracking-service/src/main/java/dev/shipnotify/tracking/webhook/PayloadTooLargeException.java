package dev.shipnotify.tracking.webhook;

import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ProblemType;

/** A webhook body over {@code tracking.webhook.max-body-bytes}, refused before anything parses it. */
public class PayloadTooLargeException extends ProblemException {

    public PayloadTooLargeException(int limit) {
        super(ProblemType.PAYLOAD_TOO_LARGE, "Webhook bodies may have at most " + limit + " bytes");
    }
}
