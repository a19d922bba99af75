package dev.shipnotify.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one request, so the caller can fix them all in one round trip. */
public final class FieldErrors {
    private final List<Problem.FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    public FieldErrors addAll(List<Problem.FieldError> more) {
        errors.addAll(more);
        return this;
    }

    /** True if {@code field} already has an error; later checks on it would only repeat the news. */
    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws {@link InvalidRequestException} naming every field, sorted so the same input gets the same body. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors.stream()
                    .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                    .distinct()
                    .toList());
        }
    }
}
