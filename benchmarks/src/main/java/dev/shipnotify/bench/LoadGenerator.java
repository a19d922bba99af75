package dev.shipnotify.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP load: a fixed number of connections, each sending its next request as soon as the previous
 * answer has been read. Latency is measured from just before a request is sent to the end of its answer's body.
 * Closed loop means a slow server is offered less load, so the latencies are those at the throughput reached, not
 * at a fixed arrival rate (no coordinated-omission correction is needed or made).
 *
 * <p>Runs on one Vert.x event loop in this JVM: the generator's own cost is the same for every target measured
 * with it, which is what makes the ratio between a service and its baseline meaningful.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final long MAX_LATENCY_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final Vertx vertx;

    public LoadGenerator() {
        this.vertx = Vertx.vertx();
    }

    /** One request to send: the n-th request of a run gets {@code request.apply(n)}. */
    public record Request(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
    }

    /**
     * Drives {@code port} on 127.0.0.1 with {@code concurrency} connections for {@code warmup} (not counted) and then
     * {@code duration} (counted). Answers with a status other than {@code expectedStatus}, and failed connections,
     * count as errors; their latency is not recorded.
     */
    public Result run(int port, int concurrency, Duration warmup, Duration duration, int expectedStatus,
            LongFunction<Request> requests) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(port).setKeepAlive(true).setPipelining(false),
                new PoolOptions().setHttp1MaxSize(concurrency));
        try {
            Run run = new Run(client, requests, expectedStatus, System.nanoTime() + warmup.toNanos(), duration,
                    concurrency);
            vertx.runOnContext(ignored -> run.start());
            return run.done.join();
        } finally {
            client.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** One run's state; touched only on the event loop. */
    private static final class Run {
        private final HttpClient client;
        private final LongFunction<Request> requests;
        private final int expectedStatus;
        private final long measureFrom;
        private final long measureUntil;
        private final Duration duration;
        private final int concurrency;
        private final Histogram latencies = new Histogram(MAX_LATENCY_MICROS, 3);
        private final CompletableFuture<Result> done = new CompletableFuture<>();
        private long sent;
        private long errors;
        private long allErrors;
        private long inFlight;
        private String firstError;

        Run(HttpClient client, LongFunction<Request> requests, int expectedStatus, long measureFrom, Duration duration,
                int concurrency) {
            this.client = client;
            this.requests = requests;
            this.expectedStatus = expectedStatus;
            this.measureFrom = measureFrom;
            this.measureUntil = measureFrom + duration.toNanos();
            this.duration = duration;
            this.concurrency = concurrency;
        }

        void start() {
            for (int i = 0; i < concurrency; i++) {
                next();
            }
        }

        private void next() {
            long start = System.nanoTime();
            if (start >= measureUntil) {
                if (inFlight == 0 && !done.isDone()) {
                    done.complete(new Result(latencies.getTotalCount(), errors, duration, latencies, firstError,
                            allErrors));
                }
                return;
            }
            Request request = requests.apply(sent++);
            RequestOptions options = new RequestOptions().setMethod(request.method()).setURI(request.path())
                    .setIdleTimeout(TimeUnit.SECONDS.toMillis(30));
            request.headers().forEach(options::putHeader);
            inFlight++;
            client.request(options)
                    .compose(r -> r.send(request.body()))
                    .compose(response -> response.body().map(body -> response.statusCode() == expectedStatus
                            ? null : "HTTP " + response.statusCode() + ": " + body))
                    .onComplete(outcome -> {
                        inFlight--;
                        long end = System.nanoTime();
                        boolean counted = start >= measureFrom && end <= measureUntil;
                        String error = outcome.failed() ? outcome.cause().toString() : outcome.result();
                        if (error != null) {
                            allErrors++;
                            if (counted) {
                                errors++;
                            }
                            if (firstError == null) {
                                firstError = error;
                            }
                        } else if (counted) {
                            latencies.recordValue(Math.min(MAX_LATENCY_MICROS, (end - start) / 1_000));
                        }
                        next();
                    });
        }
    }

    /**
     * What one run measured.
     *
     * @param allErrors errors of the whole run, warm-up included: what a benchmark checking the service's state
     *     afterwards needs to know was not taken in
     */
    public record Result(long requests, long errors, Duration duration, Histogram latencies, String firstError,
            long allErrors) {

        public double perSecond() {
            return requests / (duration.toNanos() / 1e9);
        }

        public double percentileMillis(double percentile) {
            return latencies.getValueAtPercentile(percentile) / 1_000.0;
        }

        public double maxMillis() {
            return latencies.getMaxValue() / 1_000.0;
        }
    }
}
