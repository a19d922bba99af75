package dev.shipnotify.notification.delivery;

import dev.shipnotify.contracts.CloudEventHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C trace contexts ({@code traceparent}) kept with a notification: the one current when it was queued (the consumed
 * event's, which OpenTelemetry's Kafka instrumentation took from the record's headers), and the parent its send span
 * gets from it later, on another thread.
 */
final class Traces {
    private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Traces() {
    }

    /** The {@code traceparent} of the span current now, or null if there is none. */
    static String current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(CloudEventHeaders.TRACE_PARENT);
    }

    /** The context to start a span in: that of the {@code traceparent}, or a new trace without one. */
    static Context parent(String traceParent) {
        if (traceParent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(),
                Map.of(CloudEventHeaders.TRACE_PARENT, traceParent), GETTER);
    }

    /** The trace id of a {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), or null. */
    static String traceId(String traceParent) {
        List<String> parts = traceParent == null ? List.of() : List.of(traceParent.split("-"));
        return parts.size() == 4 ? parts.get(1) : null;
    }
}
