package dev.shipnotify.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipnotify.problem.FieldErrors;
import java.util.Arrays;

/** Reads one field of a webhook's JSON, adding an error named by its path when it is not what it must be. */
final class JsonFields {
    private JsonFields() {
    }

    static String text(JsonNode node, String field, String at, int maxLength, boolean required,
            FieldErrors errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(at + field, "is required");
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            errors.add(at + field, required ? "must be a non-empty string" : "must be a string");
            return null;
        }
        if (value.asText().length() > maxLength) {
            errors.add(at + field, "must be at most " + maxLength + " characters");
            return null;
        }
        return value.asText().strip();
    }

    static <E extends Enum<E>> E constant(JsonNode node, String field, String at, Class<E> type,
            boolean required, FieldErrors errors) {
        String text = text(node, field, at, 64, required, errors);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            errors.add(at + field, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }
}
