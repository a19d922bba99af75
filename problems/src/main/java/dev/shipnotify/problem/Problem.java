package dev.shipnotify.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem body. {@code type} is a stable URN from {@link ProblemType}; {@code errors} names each
 * offending field with a JSON-ish path such as {@code customer.phone} or {@code items[0].quantity}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "urn:shipnotify:problem:invalid-request") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "1 field is invalid") String detail,
        @Schema(example = "/api/orders") String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** One invalid input, named by its path in the request. */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(example = "customer.phone") String field,
            @Schema(example = "must be an E.164 phone number such as +919876543210") String message) {
    }
}
