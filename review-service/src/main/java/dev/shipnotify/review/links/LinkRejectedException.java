package dev.shipnotify.review.links;

import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ProblemType;
import java.time.Instant;

/** A review link that does not open anything: its signature does not match, or it has expired. */
public class LinkRejectedException extends ProblemException {
    public static final ProblemType FORGED = new ProblemType("review-link-invalid", "Review link not valid", 403);
    public static final ProblemType EXPIRED = new ProblemType("review-link-expired", "Review link expired", 410);

    private LinkRejectedException(ProblemType type, String detail) {
        super(type, detail);
    }

    static LinkRejectedException forged() {
        return new LinkRejectedException(FORGED, "This link was not issued for this order and item");
    }

    static LinkRejectedException expired(Instant at) {
        return new LinkRejectedException(EXPIRED, "This link expired at " + at);
    }
}
