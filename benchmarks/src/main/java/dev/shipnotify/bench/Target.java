package dev.shipnotify.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;

/**
 * One thing measured: where it listens, which answer is a success (the bare server answers 201 to anything, a
 * webhook 200), what it is sent in each round, and every round's result.
 */
final class Target {
    final String name;
    final int port;
    final int expectedStatus;
    final List<LoadGenerator.Result> results = new ArrayList<>();
    private final IntFunction<LongFunction<LoadGenerator.Request>> requests;

    /** @param requests by round number (from 1): the n-th request of that round */
    Target(String name, int port, int expectedStatus, IntFunction<LongFunction<LoadGenerator.Request>> requests) {
        this.name = name;
        this.port = port;
        this.expectedStatus = expectedStatus;
        this.requests = requests;
    }

    LongFunction<LoadGenerator.Request> requests(int round) {
        return requests.apply(round);
    }

    double median(ToDoubleFunction<LoadGenerator.Result> metric) {
        double[] values = results.stream().mapToDouble(metric).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
