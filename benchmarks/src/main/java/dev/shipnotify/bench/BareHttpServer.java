package dev.shipnotify.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CountDownLatch;

/**
 * The baseline: the HTTP layer Quarkus runs on (Vert.x), on as many event loops as Quarkus gives a service on
 * this machine, doing nothing but read the request body and answer 201 with a fixed JSON body about the size of a
 * placed order. Whatever a service adds on top of this is its own work.
 */
public final class BareHttpServer extends AbstractVerticle {
    /** About as long as the order-service's answer to a placed order. */
    static final Buffer ANSWER = Buffer.buffer("{\"id\":\"00000000-0000-0000-0000-000000000000\",\"status\":\"PLACED\","
            + "\"padding\":\"" + "x".repeat(650) + "\"}");

    private final int port;

    private BareHttpServer(int port) {
        this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
        vertx.createHttpServer()
                .requestHandler(request -> request.body().onComplete(body -> request.response().setStatusCode(201)
                        .putHeader("Content-Type", "application/json").end(ANSWER)))
                .listen(port, "127.0.0.1")
                .<Void>mapEmpty()
                .onComplete(started);
    }

    /** Serves on {@code port} of 127.0.0.1 from one verticle per event loop, as Quarkus does. */
    public static void deploy(Vertx vertx, int port) {
        vertx.deployVerticle(() -> new BareHttpServer(port),
                new DeploymentOptions().setInstances(2 * Runtime.getRuntime().availableProcessors()))
                .toCompletionStage().toCompletableFuture().join();
    }

    /** {@code java -cp benchmarks.jar dev.shipnotify.bench.BareHttpServer <port>}: serves until SIGTERM. */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        deploy(Vertx.vertx(), port);
        System.out.println("bare HTTP server listening on 127.0.0.1:" + port);
        new CountDownLatch(1).await();
    }
}
