package dev.shipnotify.infra.whatsapp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Errors to answer the next send calls with, in the order they were asked for: two calls of
 * {@code failNext} queue up one after the other. With {@code async} the call itself succeeds and the
 * failure is reported later as a {@code failed} status, which is how Meta reports most delivery errors.
 * A failure armed for one recipient ({@code to}, digits only) applies only to sends to that number, so a
 * test's failure is not spent by another test's message.
 */
final class FailurePlan {
    /** One armed failure and how many more calls it still applies to. */
    record Failure(GraphError error, boolean async, int remaining, String to) {
        boolean appliesTo(String waId) {
            return to == null || to.equals(waId);
        }
    }

    private final List<Failure> queue = new ArrayList<>();

    /** @param to the recipient's digits, or null for any recipient */
    synchronized void add(GraphError error, boolean async, int count, String to) {
        queue.add(new Failure(error, async, count, to));
    }

    /** Takes one call's worth of the first failure armed for this recipient (digits) or for anyone, if any. */
    synchronized Optional<Failure> next(String waId) {
        for (int i = 0; i < queue.size(); i++) {
            Failure failure = queue.get(i);
            if (failure.appliesTo(waId)) {
                if (failure.remaining() > 1) {
                    queue.set(i, new Failure(failure.error(), failure.async(), failure.remaining() - 1, failure.to()));
                } else {
                    queue.remove(i);
                }
                return Optional.of(failure);
            }
        }
        return Optional.empty();
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
            if (f.to() != null) {
                item.put("to", f.to());
            }
            out.add(item);
        }
        return out;
    }
}
