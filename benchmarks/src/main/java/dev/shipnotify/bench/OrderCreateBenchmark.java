package dev.shipnotify.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.Directories;
import dev.shipnotify.infra.LocalInfra;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.process.JavaProcess;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Order-create throughput and latency of the packaged order-service on a real PostgreSQL and Kafka broker, next to
 * a bare Vert.x server answering the same requests, measured in the same run, round by round in turn so that the
 * machine's drift hits both. Afterwards it checks that every order created reached {@code order-placed} once.
 */
final class OrderCreateBenchmark {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String ADMIN_TOKEN = "bench-admin-token";
    private static final String ORDER = """
            {"customer": {"name": "Asha Rao", "email": "asha.%s@example.com", "phone": "+919876543210",
                          "locale": "en-IN", "timeZone": "Asia/Kolkata", "consent": {"email": true, "whatsapp": true}},
             "items": [{"sku": "TEA-ASSAM-250", "name": "Assam tea, 250 g", "quantity": 2,
                        "unitPrice": {"amount": "499.00", "currency": "INR"}, "imageUrl": "https://example.com/tea.png"}],
             "shippingAddress": {"line1": "12 MG Road", "city": "Bengaluru", "postcode": "560001", "country": "IN"}}""";
    private static final String ROW = "%-6s %-34s %9s %8s %8s %8s %8s %7s%n";

    private final Benchmarks.Options options;
    private final ObjectMapper json = new ObjectMapper();

    OrderCreateBenchmark(Benchmarks.Options options) {
        this.options = options;
    }

    void run() throws Exception {
        Path work = Directories.createTemp("bench-order-create-");
        int kafkaPort = Ports.freePort();
        int postgresPort = Ports.freePort();
        int orderPort = Ports.freePort();
        int barePort = Ports.freePort();
        printHeader();
        try (JavaProcess infra = startInfra(work, kafkaPort, postgresPort);
                JavaProcess orderService = startOrderService(work, orderPort, kafkaPort, postgresPort);
                JavaProcess bare = startBareServer(work, barePort);
                LoadGenerator load = new LoadGenerator()) {
            String apiKey = createMerchant(orderPort);

            Target baseline = new Target("bare HTTP (Vert.x, 201 + JSON)", barePort, apiKey);
            Target orders = new Target("POST /api/orders", orderPort, apiKey);
            System.out.printf(ROW, "round", "target", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
            for (int round = 1; round <= options.rounds(); round++) {
                for (Target target : List.of(baseline, orders)) {
                    LoadGenerator.Result result = load.run(target.port, options.concurrency(), options.warmup(),
                            options.duration(), 201, target.requests(round));
                    target.results.add(result);
                    printRow(Integer.toString(round), target.name, result);
                    if (result.firstError() != null) {
                        System.out.println("       first error: " + abbreviate(result.firstError()));
                    }
                }
            }
            printSummary(baseline, orders);
            long loadEnded = System.nanoTime();
            printPublished(kafkaPort, postgresPort, loadEnded);
            System.out.printf("%nResident memory after the load: order-service %d MiB, bare HTTP server %d MiB%n",
                    orderService.residentKiB() / 1024, bare.residentKiB() / 1024);
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /** One thing measured: where it listens and every round's result. */
    private final class Target {
        final String name;
        final int port;
        final String apiKey;
        final List<LoadGenerator.Result> results = new ArrayList<>();

        Target(String name, int port, String apiKey) {
            this.name = name;
            this.port = port;
            this.apiKey = apiKey;
        }

        /** The same request to both targets: a placed order with a fresh Idempotency-Key and shopper. */
        LongFunction<LoadGenerator.Request> requests(int round) {
            String run = port + "-" + round + "-";
            return n -> new LoadGenerator.Request(HttpMethod.POST, "/api/orders", Map.of(
                    "Authorization", "Bearer " + apiKey,
                    "Content-Type", "application/json",
                    "Idempotency-Key", "bench-" + run + n),
                    Buffer.buffer(ORDER.formatted(run + n)));
        }

        double median(ToDoubleFunction<LoadGenerator.Result> metric) {
            double[] values = results.stream().mapToDouble(metric).sorted().toArray();
            int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }
    }

    private JavaProcess startInfra(Path work, int kafkaPort, int postgresPort) {
        JavaProcess infra = JavaProcess.start("local-infra",
                concat(options.javaOptions(), LocalInfra.standaloneArguments(Path.of(artifact("local-infra")))),
                Map.of("INFRA_PARTS", "kafka,postgres",
                        "INFRA_DATA_DIR", work.resolve("data").toString(),
                        "INFRA_KAFKA_PORT", Integer.toString(kafkaPort),
                        "INFRA_KAFKA_CONTROLLER_PORT", Integer.toString(Ports.freePort()),
                        "INFRA_POSTGRES_PORT", Integer.toString(postgresPort),
                        "INFRA_POSTGRES_DATABASES", "orders"),
                work.resolve("local-infra.log"));
        infra.awaitLine(LocalInfra.READY_LINE, START_TIMEOUT);
        return infra;
    }

    private JavaProcess startOrderService(Path work, int port, int kafkaPort, int postgresPort) {
        JavaProcess service = JavaProcess.start("order-service",
                concat(options.javaOptions(), List.of("-jar", artifact("order-service"))),
                Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                        "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + kafkaPort,
                        "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(postgresPort),
                        "QUARKUS_DATASOURCE_USERNAME", "postgres",
                        "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                        "ORDER_ADMIN_TOKEN", ADMIN_TOKEN),
                work.resolve("order-service.log"));
        service.awaitHttp200("http://127.0.0.1:" + port + "/q/health/ready", START_TIMEOUT);
        return service;
    }

    private JavaProcess startBareServer(Path work, int port) {
        JavaProcess bare = JavaProcess.start("bare HTTP server",
                concat(options.javaOptions(), List.of("-cp", System.getProperty("java.class.path"),
                        BareHttpServer.class.getName(),
                        Integer.toString(port))),
                Map.of(), work.resolve("bare-http-server.log"));
        bare.awaitLine("bare HTTP server listening on 127.0.0.1:" + port, START_TIMEOUT);
        return bare;
    }

    private String createMerchant(int port) throws IOException, InterruptedException {
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
        return json.readTree(response.body()).path("apiKey").asText();
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
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort);
        try (Admin admin = Admin.create(config)) {
            long published = 0;
            long deadline = loadEnded + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                published = records(admin, Topics.ORDER_PLACED);
                if (published >= created) {
                    break;
                }
                Thread.sleep(100);
            }
            System.out.printf("%nAfter the load: %d orders in PostgreSQL, %d records on %s (%s)%n", created,
                    published, Topics.ORDER_PLACED, published == created
                            ? String.format("all published %.1f s after the load stopped",
                                    (System.nanoTime() - loadEnded) / 1e9)
                            : published < created ? "MISSING " + (created - published) + " after 60 s"
                                    : "DUPLICATES: " + (published - created));
        }
    }

    private static long records(Admin admin, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    private void printHeader() {
        System.out.printf("order-create benchmark · %s · %d cores · Java %s · commit %s%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), commit());
        System.out.printf("measured processes: java %s · load: %d connections, closed loop, one event loop in the "
                + "benchmark's JVM, on the same cores%n", String.join(" ", options.javaOptions()),
                options.concurrency());
        System.out.printf("each round: %d s warm-up, then %d s measured; the targets take turns%n%n",
                options.warmup().toSeconds(), options.duration().toSeconds());
    }

    private static void printRow(String round, String target, LoadGenerator.Result r) {
        System.out.printf(ROW, round, target, String.format("%.0f", r.perSecond()),
                String.format("%.2f", r.percentileMillis(50)), String.format("%.2f", r.percentileMillis(90)),
                String.format("%.2f", r.percentileMillis(99)), String.format("%.1f", r.maxMillis()), r.errors());
    }

    private void printSummary(Target baseline, Target orders) {
        System.out.printf("%nMedian of %d rounds%n", options.rounds());
        String row = "%-40s %9s %8s %8s%n";
        System.out.printf(row, "target", "req/s", "p50 ms", "p99 ms");
        for (Target target : List.of(baseline, orders)) {
            System.out.printf(row, target.name, String.format("%.0f", target.median(LoadGenerator.Result::perSecond)),
                    String.format("%.2f", target.median(r -> r.percentileMillis(50))),
                    String.format("%.2f", target.median(r -> r.percentileMillis(99))));
        }
        System.out.printf("%s: %.1f%% of the baseline's throughput; p50 %.1f×, p99 %.1f× the baseline's%n",
                orders.name, 100 * orders.median(LoadGenerator.Result::perSecond)
                        / baseline.median(LoadGenerator.Result::perSecond),
                orders.median(r -> r.percentileMillis(50)) / baseline.median(r -> r.percentileMillis(50)),
                orders.median(r -> r.percentileMillis(99)) / baseline.median(r -> r.percentileMillis(99)));
    }

    /** A built artifact, named by ./suite bench as the system property {@code bench.<module>.jar}. */
    private static String artifact(String module) {
        String jar = System.getProperty("bench." + module + ".jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("no " + module + " artifact (" + jar + "); run the benchmark with "
                    + "./suite bench, which builds it");
        }
        return jar;
    }

    private String commit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").directory(options.root().toFile())
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String jdbcUrl(int postgresPort) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/orders";
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String abbreviate(String text) {
        String line = text.replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
