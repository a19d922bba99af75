package dev.shipnotify.problem;

/**
 * A stable problem type: clients switch on {@link #uri()} ({@code urn:shipnotify:problem:<slug>}), never on the
 * title. The types every service shares are here; a service declares its own next to the exception that uses it.
 */
public record ProblemType(String slug, String title, int status) {
    public static final ProblemType INVALID_REQUEST = new ProblemType("invalid-request", "Invalid request", 400);
    public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", "Missing or invalid credentials",
            401);
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Not found", 404);
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", "Method not allowed",
            405);
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", "Not acceptable", 406);
    public static final ProblemType CONFLICT = new ProblemType("conflict", "Conflict", 409);
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", "Payload too large",
            413);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType("unsupported-media-type",
            "Unsupported media type", 415);
    public static final ProblemType HTTP_ERROR = new ProblemType("http-error", "Request failed", 400);
    public static final ProblemType INTERNAL = new ProblemType("internal", "Internal error", 500);

    private static final String PREFIX = "urn:shipnotify:problem:";

    public String uri() {
        return PREFIX + slug;
    }

    /** The type for an HTTP status raised by the framework (routing, content negotiation, body limits). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL : HTTP_ERROR;
        };
    }
}
