package dev.shipnotify.problem;

/** No bearer credential, or one that matches nothing. Deliberately does not say which. */
public class NotAuthenticatedException extends ProblemException {

    public NotAuthenticatedException() {
        super(ProblemType.UNAUTHORIZED, "Send a valid key as 'Authorization: Bearer <key>'");
    }
}
