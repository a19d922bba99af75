package dev.shipnotify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.process.JavaProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * order-service killed (SIGKILL) again and again while merchants place orders: each kill lands at a random moment,
 * moved on to the next moment at which committed orders wait for the outbox relay's publish. Afterwards every order in PostgreSQL is on
 * {@code order-placed}, no order that is not there was published, and every order answered 201 is there.
 */
class OrderRelayFaultsIT {
    private static final int KILLS = Faults.size(8, 100);
    private static final int CLIENTS = 4;
    private static final String UNPUBLISHED = "select count(*) from outbox where published_at is null";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killedBetweenCommitAndPublish_publishesEveryCommittedOrderAndNoOther() throws Exception {
        Faults faults = new Faults("order-relay-faults");
        int kafkaPort = Ports.freePort();
        int postgresPort = Ports.freePort();
        int orderPort = Ports.freePort();
        Map<String, String> environment = OrderCreateBenchmark.environment(kafkaPort, postgresPort);
        try (JavaProcess infra = faults.harness.startInfra(faults.work, "kafka,postgres", kafkaPort, Map.of(
                InfraSettings.POSTGRES_PORT, Integer.toString(postgresPort),
                InfraSettings.POSTGRES_DATABASES, "orders"))) {
            JavaProcess service = faults.harness.startService(faults.work, "order-service", orderPort, environment);
            String apiKey = OrderCreateBenchmark.createMerchant(orderPort);
            Set<String> answered201 = ConcurrentHashMap.newKeySet();
            AtomicLong unanswered = new AtomicLong();
            Random random = new Random(20261202);
            int killsInTheWindow = 0;
            long committedNotPublishedAtKills = 0;
            long begin = System.nanoTime();
            for (int kill = 0; kill < KILLS; kill++) {
                AtomicBoolean placing = new AtomicBoolean(true);
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    String prefix = kill + "-" + c + "-";
                    running.add(clients.submit(() -> place(orderPort, apiKey, prefix, placing, answered201,
                            unanswered)));
                }
                // The fault: a kill at a random moment of the load, as soon after it as committed orders wait for
                // their publish (the relay is woken by each commit, so that window is a few milliseconds wide).
                TimeUnit.MILLISECONDS.sleep(300 + random.nextInt(1200));
                awaitUnpublished(postgresPort, Duration.ofSeconds(2));
                service.kill();
                placing.set(false);
                for (Future<?> client : running) {
                    client.get();
                }
                clients.shutdown();
                long pending = count(postgresPort, UNPUBLISHED);
                killsInTheWindow += pending > 0 ? 1 : 0;
                committedNotPublishedAtKills += pending;
                service = faults.harness.startService(faults.work, "order-service", orderPort, environment);
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                    () -> count(postgresPort, UNPUBLISHED) == 0);
            service.close();

            Set<String> committed = ids(postgresPort);
            List<TopicReader.Record> records = new TopicReader("127.0.0.1:" + kafkaPort).readAll(Topics.ORDER_PLACED,
                    Duration.ofSeconds(30));
            Map<String, Long> published = records.stream().collect(Collectors.groupingBy(TopicReader.Record::key,
                    Collectors.counting()));
            Set<String> lost = new HashSet<>(committed);
            lost.removeAll(published.keySet());
            Set<String> phantom = new HashSet<>(published.keySet());
            phantom.removeAll(committed);
            Set<String> answeredButMissing = new HashSet<>(answered201);
            answeredButMissing.removeAll(committed);
            long duplicates = records.size() - published.size();
            Faults.report("kill -9 order-service", "%d kills in %.0f s, %d of them with committed orders not yet "
                            + "published (%d orders); %d orders committed (%d answered 201, %d requests cut off): "
                            + "lost %d, published without commit %d, answered 201 but missing %d, published twice %d",
                    KILLS, seconds, killsInTheWindow, committedNotPublishedAtKills, committed.size(),
                    answered201.size(), unanswered.get(), lost.size(), phantom.size(), answeredButMissing.size(),
                    duplicates);

            assertThat(committed).as("orders committed under the kills").isNotEmpty();
            assertThat(killsInTheWindow).as("kills that landed between a commit and its publish").isPositive();
            assertThat(lost).as("committed orders never published").isEmpty();
            assertThat(phantom).as("published orders that were never committed").isEmpty();
            assertThat(answeredButMissing).as("orders answered 201 but not stored").isEmpty();
        }
    }

    /** Places orders one after the other until told to stop or the service dies under it. */
    private static Void place(int port, String apiKey, String prefix, AtomicBoolean placing, Set<String> answered201,
            AtomicLong unanswered) {
        ObjectMapper json = new ObjectMapper();
        for (int n = 0; placing.get(); n++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "fault-" + prefix + n)
                    .POST(HttpRequest.BodyPublishers.ofString(OrderCreateBenchmark.ORDER.formatted(prefix + n)))
                    .build();
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    answered201.add(json.readTree(response.body()).path("id").asText());
                } else {
                    unanswered.incrementAndGet();
                }
            } catch (IOException e) {
                unanswered.incrementAndGet();
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** Returns once committed orders await their publish, or after {@code within}; one connection for every look. */
    private static void awaitUnpublished(int postgresPort, Duration within) throws SQLException {
        long until = System.nanoTime() + within.toNanos();
        try (Connection connection = DriverManager.getConnection(OrderCreateBenchmark.jdbcUrl(postgresPort),
                "postgres", "postgres"); PreparedStatement unpublished = connection.prepareStatement(UNPUBLISHED)) {
            while (System.nanoTime() < until) {
                try (ResultSet rs = unpublished.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
            }
        }
    }

    private static long count(int postgresPort, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(OrderCreateBenchmark.jdbcUrl(postgresPort),
                "postgres", "postgres"); ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> ids(int postgresPort) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(OrderCreateBenchmark.jdbcUrl(postgresPort),
                "postgres", "postgres"); ResultSet rs = connection.createStatement().executeQuery(
                        "select id from orders")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
