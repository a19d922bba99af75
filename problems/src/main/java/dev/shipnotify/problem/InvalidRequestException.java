package dev.shipnotify.problem;

import java.util.List;
import java.util.stream.Collectors;

/** The request cannot be processed as sent; {@link #errors()} names every offending field. */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(List<Problem.FieldError> errors) {
        super(ProblemType.INVALID_REQUEST, describe(errors), errors);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new Problem.FieldError(field, message)));
    }

    private static String describe(List<Problem.FieldError> errors) {
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return errors.size() == 1 ? "Invalid field: " + fields : errors.size() + " invalid fields: " + fields;
    }
}
