package dev.shipnotify.order.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

/** Runs Bean Validation on a request body and hands back the violations as field errors to add more to. */
@ApplicationScoped
public class RequestValidator {
    private final Validator validator;

    public RequestValidator(Validator validator) {
        this.validator = validator;
    }

    /**
     * Starts the field errors of {@code body}. A missing body is an error of its own, reported as {@code body}.
     */
    public FieldErrors check(Object body, String expected) {
        FieldErrors errors = new FieldErrors();
        if (body == null) {
            return errors.add(JsonProblemMapper.BODY, "must be a JSON object with " + expected);
        }
        return errors.addAll(ConstraintViolationProblemMapper.fieldErrors(validator.validate(body)));
    }
}
