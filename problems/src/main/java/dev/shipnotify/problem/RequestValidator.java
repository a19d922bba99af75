package dev.shipnotify.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Runs Bean Validation on a request body, and refuses control characters in its text fields, and hands back the
 * problems as field errors to add more to.
 */
@ApplicationScoped
public class RequestValidator {
    static final String CONTROL_CHARACTERS = "must not contain control characters such as NUL or line breaks";
    static final String CONTROL_CHARACTERS_MULTI_LINE = "must not contain control characters other than line breaks "
            + "and tabs";

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
        errors.addAll(ConstraintViolationProblemMapper.fieldErrors(validator.validate(body)));
        checkText(body, "", false, errors);
        return errors;
    }

    /**
     * Walks the body's records and lists. No text may hold a control character: PostgreSQL cannot store NUL, and a
     * line break in a name or an address would reach email headers and WhatsApp templates downstream. Fields marked
     * {@link MultiLine} may hold line breaks and tabs.
     */
    private static void checkText(Object value, String path, boolean multiLine, FieldErrors errors) {
        if (value instanceof String text) {
            if (!errors.has(path) && hasControlCharacter(text, multiLine)) {
                errors.add(path, multiLine ? CONTROL_CHARACTERS_MULTI_LINE : CONTROL_CHARACTERS);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkText(list.get(i), path + "[" + i + "]", multiLine, errors);
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                checkText(read(component, record), path.isEmpty() ? component.getName() : path + "." + component.getName(),
                        component.isAnnotationPresent(MultiLine.class), errors);
            }
        }
    }

    private static boolean hasControlCharacter(String text, boolean multiLine) {
        return text.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL
                && !(multiLine && (c == '\n' || c == '\r' || c == '\t')));
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
