package dev.shipnotify.infra.whatsapp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Errors to answer the next send calls with, in the order they were asked for: two calls of
 * {@code failNext} queue up one after the other. With {@code async} the call itself succeeds and the
 * failure is reported later as a {@code failed} status, which is how Meta reports most delivery errors.
 */
final class FailurePlan {
    /** One armed failure and how many more calls it still applies to. */
    record Failure(GraphError error, boolean async, int remaining) {
    }

    private final Deque<Failure> queue = new ArrayDeque<>();

    synchronized void add(GraphError error, boolean async, int count) {
        queue.addLast(new Failure(error, async, count));
    }

    /** Takes one call's worth of the first armed failure, if any. */
    synchronized Optional<Failure> next() {
        Failure head = queue.pollFirst();
        if (head == null) {
            return Optional.empty();
        }
        if (head.remaining() > 1) {
            queue.addFirst(new Failure(head.error(), head.async(), head.remaining() - 1));
        }
        return Optional.of(head);
    }

    synchronized void clear() {
        queue.clear();
    }

    synchronized List<Map<String, Object>> describe() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Failure f : queue) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", f.error().code());
            item.put("httpStatus", f.error().httpStatus());
            item.put("message", f.error().message());
            item.put("async", f.async());
            item.put("remaining", f.remaining());
            out.add(item);
        }
        return out;
    }
}
