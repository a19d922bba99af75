package dev.shipnotify.ops.deadletters;

import dev.shipnotify.problem.ProblemType;
import dev.shipnotify.problem.ProblemException;

/** No dead-letter topic, or no record, by that name or at that place: 404. */
public class DeadLetterNotFoundException extends ProblemException {
    public DeadLetterNotFoundException(String id) {
        super(ProblemType.NOT_FOUND, "no dead letter " + id + " (dead-letter topics are named <topic>.<group>.dlq)");
    }
}
