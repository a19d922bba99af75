package dev.shipnotify.ops.deadletters;

import dev.shipnotify.problem.ProblemException;
import dev.shipnotify.problem.ProblemType;

/** A dead letter that is not replayed: it was already (409), or it does not say which topic it came from (422). */
public class ReplayRefusedException extends ProblemException {
    static final ProblemType ALREADY_REPLAYED = new ProblemType("already-replayed", "Already replayed", 409);
    static final ProblemType NO_SOURCE = new ProblemType("no-source-topic", "Source topic unknown", 422);

    private ReplayRefusedException(ProblemType type, String detail) {
        super(type, detail);
    }

    static ReplayRefusedException alreadyReplayed(DeadLetter letter) {
        DeadLetter.Replay replay = letter.replayed();
        return new ReplayRefusedException(ALREADY_REPLAYED, "dead letter " + letter.id() + " was replayed at "
                + replay.at() + " to " + replay.topic() + "-" + replay.partition() + "@" + replay.offset()
                + "; it is replayed once");
    }

    static ReplayRefusedException noSource(DeadLetter letter) {
        return new ReplayRefusedException(NO_SOURCE, "dead letter " + letter.id()
                + " has no dead-letter-topic header, so there is no topic to put it back on");
    }
}
