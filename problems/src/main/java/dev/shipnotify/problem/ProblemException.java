package dev.shipnotify.problem;

import java.util.List;

/**
 * The family of failures this service explains to its callers itself. Each subclass fixes a {@link ProblemType};
 * {@link ProblemExceptionMapper} turns any of them into problem JSON.
 */
public abstract class ProblemException extends RuntimeException {
    private final ProblemType type;
    private final List<Problem.FieldError> errors;

    protected ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    protected ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
