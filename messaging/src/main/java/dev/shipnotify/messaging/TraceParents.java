package dev.shipnotify.messaging;

import dev.shipnotify.contracts.CloudEventHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W3C trace contexts ({@code traceparent}) kept with work that goes on later, elsewhere: an outbox event keeps the
 * context of the request that wrote it and its record carries it as the {@link CloudEventHeaders#TRACE_PARENT} header;
 * a queued notification keeps the consumed event's and its send span starts from it. OpenTelemetry's API is the
 * caller's (the services that trace depend on quarkus-opentelemetry).
 */
public final class TraceParents {
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

    private TraceParents() {
    }

    /** The {@code traceparent} of the span current now, or null if there is none. */
    public static String current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(CloudEventHeaders.TRACE_PARENT);
    }

    /** The context to start a span in: that of the {@code traceparent}, or a new trace without one. */
    public static Context parent(String traceParent) {
        if (traceParent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(),
                Map.of(CloudEventHeaders.TRACE_PARENT, traceParent), GETTER);
    }

    /** The trace id of a {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}), or null. */
    public static String traceId(String traceParent) {
        List<String> parts = traceParent == null ? List.of() : List.of(traceParent.split("-"));
        return parts.size() == 4 ? parts.get(1) : null;
    }
}
