package dev.shipnotify.contracts;

/** CloudEvents 1.0 Kafka binary-mode header names, as every producer writes them and every consumer reads them. */
public final class CloudEventHeaders {
    /** The event id; consumers de-duplicate on it. */
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    /** The order id the event is about. */
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
