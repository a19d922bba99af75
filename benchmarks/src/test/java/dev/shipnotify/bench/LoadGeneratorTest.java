package dev.shipnotify.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipnotify.infra.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The measuring tool measures: requests counted, errors told apart, latencies recorded, nothing lost in flight. */
class LoadGeneratorTest {
    private static final LoadGenerator.Request POST = new LoadGenerator.Request(HttpMethod.POST, "/api/orders",
            Map.of("Content-Type", "application/json"), Buffer.buffer("{\"order\": 1}"));

    private final Vertx vertx = Vertx.vertx();
    private final LoadGenerator load = new LoadGenerator();

    @AfterEach
    void close() {
        load.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void countsEveryAnsweredRequest_andRecordsItsLatency() {
        int port = Ports.freePort();
        BareHttpServer.deploy(vertx, port);

        LoadGenerator.Result result = load.run(port, 4, Duration.ofMillis(200), Duration.ofSeconds(1), 201, n -> POST);

        assertThat(result.requests()).isPositive();
        assertThat(result.errors()).isZero();
        assertThat(result.allErrors()).isZero();
        assertThat(result.firstError()).isNull();
        assertThat(result.latencies().getTotalCount()).isEqualTo(result.requests());
        assertThat(result.perSecond()).isEqualTo(result.requests() / 1.0);
        assertThat(result.percentileMillis(50)).isPositive().isLessThanOrEqualTo(result.maxMillis());
    }

    @Test
    void countsAnswersWithAnotherStatusAsErrors_notAsLatencies() {
        AtomicInteger answered = new AtomicInteger();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.response()
                        .setStatusCode(answered.incrementAndGet() % 2 == 0 ? 500 : 201).end("{}"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();

        LoadGenerator.Result result = load.run(server.actualPort(), 2, Duration.ZERO, Duration.ofSeconds(1), 201,
                n -> POST);

        assertThat(result.errors()).isPositive();
        assertThat(result.allErrors()).isGreaterThanOrEqualTo(result.errors());
        assertThat(result.requests()).isPositive();
        assertThat(result.requests() + result.errors()).isLessThanOrEqualTo(answered.get());
        assertThat(result.firstError()).startsWith("HTTP 500");
    }

    @Test
    void sendsTheNthRequestOfTheRun_soEachCanCarryItsOwnIdempotencyKey() {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        AtomicInteger received = new AtomicInteger();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> {
                    received.incrementAndGet();
                    keys.add(request.getHeader("Idempotency-Key"));
                    request.response().setStatusCode(201).end();
                })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();

        load.run(server.actualPort(), 3, Duration.ZERO, Duration.ofMillis(500), 201, n -> new LoadGenerator.Request(
                HttpMethod.POST, "/", Map.of("Idempotency-Key", "key-" + n), Buffer.buffer()));

        assertThat(keys).hasSize(received.get());
    }
}
