package dev.shipnotify.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.Directories;
import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.process.JavaProcess;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Order-create throughput and latency of the packaged order-service on a real PostgreSQL and Kafka broker, next to
 * a bare Vert.x server answering the same requests, measured in the same run, round by round in turn so that the
 * machine's drift hits both. Afterwards it checks that every order created reached {@code order-placed} once.
 */
final class OrderCreateBenchmark {
    private static final String ADMIN_TOKEN = "bench-admin-token";
    static final String ORDER = """
            {"customer": {"name": "Asha Rao", "email": "asha.%s@example.com", "phone": "+919876543210",
                          "locale": "en-IN", "timeZone": "Asia/Kolkata", "consent": {"email": true, "whatsapp": true}},
             "items": [{"sku": "TEA-ASSAM-250", "name": "Assam tea, 250 g", "quantity": 2,
                        "unitPrice": {"amount": "499.00", "currency": "INR"}, "imageUrl": "https://example.com/tea.png"}],
             "shippingAddress": {"line1": "12 MG Road", "city": "Bengaluru", "postcode": "560001", "country": "IN"}}""";

    private final Harness harness;

    OrderCreateBenchmark(Benchmarks.Options options) {
        this.harness = new Harness("order-create", options);
    }

    void run() throws Exception {
        Path work = Directories.createTemp("bench-order-create-");
        int kafkaPort = Ports.freePort();
        int postgresPort = Ports.freePort();
        int orderPort = Ports.freePort();
        int barePort = Ports.freePort();
        harness.printHeader(true);
        try (JavaProcess infra = harness.startInfra(work, "kafka,postgres", kafkaPort, Map.of(
                        InfraSettings.POSTGRES_PORT, Integer.toString(postgresPort),
                        InfraSettings.POSTGRES_DATABASES, "orders"));
                JavaProcess orderService = harness.startService(work, "order-service", orderPort,
                        environment(kafkaPort, postgresPort));
                JavaProcess bare = harness.startBareServer(work, barePort);
                LoadGenerator load = new LoadGenerator()) {
            String apiKey = createMerchant(orderPort);

            Target baseline = new Target("bare HTTP (Vert.x, 201 + JSON)", barePort, 201,
                    round -> orders(barePort, round, apiKey));
            Target orders = new Target("POST /api/orders", orderPort, 201, round -> orders(orderPort, round, apiKey));
            harness.measure(load, baseline, orders);
            long loadEnded = System.nanoTime();
            printPublished(kafkaPort, postgresPort, loadEnded);
            System.out.printf("%nResident memory after the load: order-service %d MiB, bare HTTP server %d MiB%n",
                    orderService.residentKiB() / 1024, bare.residentKiB() / 1024);
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /** The same request to both targets: a placed order with a fresh Idempotency-Key and shopper. */
    private static LongFunction<LoadGenerator.Request> orders(int port, int round, String apiKey) {
        String run = port + "-" + round + "-";
        return n -> new LoadGenerator.Request(HttpMethod.POST, "/api/orders", Map.of(
                "Authorization", "Bearer " + apiKey,
                "Content-Type", "application/json",
                "Idempotency-Key", "bench-" + run + n),
                Buffer.buffer(ORDER.formatted(run + n)));
    }

    /** order-service on these servers, with the admin token {@link #ADMIN_TOKEN}. */
    static Map<String, String> environment(int kafkaPort, int postgresPort) {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(postgresPort),
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "ORDER_ADMIN_TOKEN", ADMIN_TOKEN);
    }

    /** A merchant created with the admin API; returns its API key. */
    static String createMerchant(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/admin/merchants"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"Bench Tea Co\", \"senderEmail\": \"orders@bench-tea.example\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating the merchant answered " + response.statusCode() + ": "
                    + response.body());
        }
        return new ObjectMapper().readTree(response.body()).path("apiKey").asText();
    }

    /** Every order the run created (warm-ups included) must reach order-placed once; how long the relay trailed. */
    private void printPublished(int kafkaPort, int postgresPort, long loadEnded) throws Exception {
        long created;
        try (Connection connection = DriverManager.getConnection(jdbcUrl(postgresPort), "postgres", "postgres");
                ResultSet rs = connection.createStatement().executeQuery("select count(*) from orders")) {
            rs.next();
            created = rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the orders", e);
        }
        System.out.printf("%nAfter the load: %d orders in PostgreSQL, %s%n", created,
                Harness.published(kafkaPort, Topics.ORDER_PLACED, created, loadEnded));
    }

    static String jdbcUrl(int postgresPort) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/orders";
    }
}
