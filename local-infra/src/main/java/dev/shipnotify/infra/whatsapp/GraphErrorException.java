package dev.shipnotify.infra.whatsapp;

/** Carries the Graph API error a request must be answered with. */
final class GraphErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient GraphError error;

    GraphErrorException(GraphError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    GraphError error() {
        return error;
    }
}
