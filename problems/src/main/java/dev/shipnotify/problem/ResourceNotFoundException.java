package dev.shipnotify.problem;

/** Nothing with that id exists for the caller; another tenant's resource looks exactly the same. */
public class ResourceNotFoundException extends ProblemException {

    public ResourceNotFoundException(String what, String id) {
        super(ProblemType.NOT_FOUND, "No " + what + " with id " + id);
    }
}
