package dev.shipnotify.order.problem;

/** The stable problem types this service answers with. Clients switch on {@link #uri()}, never on the title. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "Invalid request", 400),
    UNAUTHORIZED("unauthorized", "Missing or invalid credentials", 401),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    ORDER_NOT_CANCELLABLE("order-not-cancellable", "Order can no longer be cancelled", 409),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency-Key reused with a different request", 422),
    HTTP_ERROR("http-error", "Request failed", 400),
    INTERNAL("internal", "Internal error", 500);

    private static final String PREFIX = "urn:shipnotify:problem:";

    private final String uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.uri = PREFIX + slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The type for an HTTP status raised by the framework (routing, content negotiation). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL : HTTP_ERROR;
        };
    }
}
