package dev.shipnotify.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.infra.InfraSettings;
import dev.shipnotify.infra.LocalInfra;
import dev.shipnotify.infra.Part;
import dev.shipnotify.infra.Ports;
import dev.shipnotify.infra.kafka.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The outbox engine on both of its stores, against a real broker, PostgreSQL (with order-service's own migrations
 * of the {@code outbox} table) and the MongoDB wire server.
 */
class OutboxTest {
    private static final Path MIGRATIONS = Path.of("../order-service/src/main/resources/db/migration");
    private static final Outbox.Settings SETTINGS = new Outbox.Settings(100, Duration.ofSeconds(30),
            Duration.ofHours(1), Duration.ofMillis(200), Duration.ofDays(7));

    private static LocalInfra infra;
    private static PGSimpleDataSource postgres;
    private static MongoClient mongo;

    enum Kind { POSTGRESQL, MONGODB }

    @BeforeAll
    static void start() throws Exception {
        infra = LocalInfra.start(InfraSettings.forTests(Set.of(Part.KAFKA, Part.POSTGRES, Part.MONGO),
                List.of("outbox")));
        postgres = new PGSimpleDataSource();
        postgres.setUrl(infra.postgres().jdbcUrl("outbox"));
        postgres.setUser(infra.postgres().username());
        postgres.setPassword(infra.postgres().password());
        try (Connection connection = postgres.getConnection(); Statement ddl = connection.createStatement()) {
            for (String migration : List.of("V4__outbox.sql", "V7__outbox_trace_parent.sql", "V9__outbox_lease.sql")) {
                ddl.execute(Files.readString(MIGRATIONS.resolve(migration)));
            }
        }
        mongo = MongoClients.create(infra.mongo().connectionString());
    }

    @AfterAll
    static void stop() {
        mongo.close();
        infra.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void publishesEveryEventOnce_inWriteOrderPerKey(Kind kind) throws Exception {
        Fixture store = fixture(kind);
        List<List<OutboxEvent>> perKey = IntStream.range(0, 5).mapToObj(k -> store.write(3)).toList();

        Outbox outbox = outbox(store.store, infra.kafka().bootstrapServers());
        try {
            outbox.written(store.holders);
            List<TopicReader.Record> records = awaitRecords(store.topic, 15);

            for (List<OutboxEvent> events : perKey) {
                List<TopicReader.Record> ofKey = records.stream().filter(r -> r.key().equals(events.get(0).key()))
                        .toList();
                assertThat(ofKey).extracting(r -> r.header(CloudEventHeaders.ID))
                        .containsExactlyElementsOf(events.stream().map(OutboxEvent::id).toList());
                assertThat(ofKey).extracting(TopicReader.Record::value)
                        .containsExactlyElementsOf(events.stream().map(OutboxEvent::payload).toList());
                assertThat(ofKey).extracting(TopicReader.Record::partition).containsOnly(ofKey.get(0).partition());
            }
            assertThat(records.get(0).header(CloudEventHeaders.SOURCE)).isEqualTo("/outbox-test");
            await().atMost(Duration.ofSeconds(10)).until(() -> store.waiting() == 0);
        } finally {
            outbox.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoInstancesDrainingTogether_publishEachEventOnce(Kind kind) throws Exception {
        Fixture store = fixture(kind);
        List<OutboxEvent> written = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            written.addAll(store.write(4));
        }
        Outbox one = outbox(store.store, infra.kafka().bootstrapServers());
        Outbox other = outbox(store.store, infra.kafka().bootstrapServers());
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(one::drain), CompletableFuture.runAsync(other::drain))
                    .get();
            List<TopicReader.Record> records = awaitRecords(store.topic, written.size());

            assertThat(records).extracting(r -> r.header(CloudEventHeaders.ID))
                    .containsExactlyInAnyOrderElementsOf(written.stream().map(OutboxEvent::id).toList());
            assertThat(store.waiting()).isZero();
        } finally {
            one.stop();
            other.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void keepsEventsWhileTheBrokerIsDown_thenPublishesThemOnce(Kind kind) throws Exception {
        Fixture store = fixture(kind);
        List<OutboxEvent> written = store.write(2);
        Outbox cutOff = outbox(store.store, Ports.HOST + ":" + Ports.freePort());
        try {
            cutOff.drain();
        } finally {
            cutOff.stop();
        }
        assertThat(store.waiting()).isEqualTo(2);
        if (kind == Kind.POSTGRESQL) {
            assertThat(lastError(written.get(0).id())).isNotBlank();
        }

        Outbox outbox = outbox(store.store, infra.kafka().bootstrapServers());
        try {
            outbox.drain();
            List<TopicReader.Record> records = awaitRecords(store.topic, 2);
            assertThat(records).extracting(r -> r.header(CloudEventHeaders.ID))
                    .containsExactly(written.get(0).id(), written.get(1).id());
            assertThat(store.waiting()).isZero();
        } finally {
            outbox.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLeaseKeepsOtherClaimsOff_untilItIsSettledOrRunsOut(Kind kind) {
        Fixture store = fixture(kind);
        List<OutboxEvent> written = store.write(2);

        OutboxStore.Claim first = store.store.claim(store.holders, 100, Duration.ofMinutes(1));
        assertThat(first.events()).extracting(OutboxEvent::id).containsExactlyElementsOf(ids(written));
        assertThat(store.store.claim(store.holders, 100, Duration.ofMinutes(1)).events()).isEmpty();
        assertThat(store.store.claim(List.of(), 100, Duration.ofMinutes(1)).events()).isEmpty();

        store.store.settle(first, Set.of(), "broker away");
        OutboxStore.Claim again = store.store.claim(store.holders, 100, Duration.ofMillis(1));
        assertThat(again.events()).extracting(OutboxEvent::id).containsExactlyElementsOf(ids(written));

        // The claimer died: nobody settles; once its lease ran out the safety poll's claim gets the events.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                store.store.claim(List.of(), 100, Duration.ofMinutes(1)).events()).extracting(OutboxEvent::id)
                .containsAll(ids(written)));
    }

    private static List<String> ids(List<OutboxEvent> events) {
        return events.stream().map(OutboxEvent::id).toList();
    }

    private static Outbox outbox(OutboxStore store, String bootstrap) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Publisher publisher = new Publisher(Map.of("bootstrap.servers", bootstrap), "outbox-test", registry,
                Duration.ofSeconds(2));
        Outbox outbox = new Outbox(store, publisher, registry, "outbox-test", SETTINGS) {
            @Override
            public synchronized void stop() throws InterruptedException {
                super.stop();
                publisher.stop();
            }
        };
        outbox.start();
        return outbox;
    }

    private static List<TopicReader.Record> awaitRecords(String topic, int count) {
        List<TopicReader.Record> records = new TopicReader(infra.kafka().bootstrapServers())
                .awaitRecords(topic, r -> true, count, Duration.ofSeconds(20));
        // Nothing more comes: every event went exactly once.
        assertThat(new TopicReader(infra.kafka().bootstrapServers()).readAll(topic, Duration.ofSeconds(1)))
                .hasSize(count);
        return records;
    }

    private static String lastError(String id) throws Exception {
        try (Connection connection = postgres.getConnection();
                PreparedStatement query = connection.prepareStatement("select last_error from outbox where id = ?")) {
            query.setObject(1, UUID.fromString(id));
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static Fixture fixture(Kind kind) {
        String topic = "outbox-test-" + UUID.randomUUID();
        if (kind == Kind.POSTGRESQL) {
            return new Fixture(topic, new PostgresOutbox(postgres, null, null)) {
                @Override
                void insert(String key, List<OutboxEvent> events) {
                    try (Connection connection = postgres.getConnection();
                            PreparedStatement insert = connection.prepareStatement("""
                                    insert into outbox (id, topic, message_key, ce_type, payload, created_at)
                                    values (?, ?, ?, ?, ?, ?)""")) {
                        for (OutboxEvent event : events) {
                            insert.setObject(1, UUID.fromString(event.id()));
                            insert.setString(2, event.topic());
                            insert.setString(3, event.key());
                            insert.setString(4, event.ceType());
                            insert.setString(5, event.payload());
                            insert.setTimestamp(6, Timestamp.from(event.createdAt()));
                            insert.executeUpdate();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                long waiting() {
                    try (Connection connection = postgres.getConnection();
                            PreparedStatement query = connection.prepareStatement(
                                    "select count(*) from outbox where topic = ? and published_at is null")) {
                        query.setString(1, topic);
                        try (ResultSet rs = query.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        }
        String name = "holders_" + UUID.randomUUID().toString().replace("-", "");
        MongoCollection<Document> documents = mongo.getDatabase("outbox").getCollection(name);
        MongoOutbox outbox = new MongoOutbox(documents, mongo.getDatabase("outbox").getCollection(name + "_leases"));
        outbox.createIndexes();
        return new Fixture(topic, outbox) {
            @Override
            void insert(String key, List<OutboxEvent> events) {
                documents.insertOne(MongoOutbox.none(new Document("_id", key).append("version", 0L)));
                holders.add(key);
                // Each event its own write, as the services add them.
                for (OutboxEvent event : events) {
                    documents.updateOne(new Document("_id", key),
                            Updates.combine(MongoOutbox.add(List.of(event)), Updates.inc("version", 1L)));
                }
            }

            @Override
            long waiting() {
                return documents.find().into(new ArrayList<>()).stream()
                        .mapToLong(d -> d.getList(MongoOutbox.FIELD, Document.class).size()).sum();
            }
        };
    }

    /** A store of one kind, the events of one test (on a topic of its own), and how to look into it. */
    private abstract static class Fixture {
        final String topic;
        final OutboxStore store;
        final List<String> holders = new ArrayList<>();

        Fixture(String topic, OutboxStore store) {
            this.topic = topic;
            this.store = store;
        }

        /** Writes this many events of one new key; answers them in write order. */
        List<OutboxEvent> write(int count) {
            String key = UUID.randomUUID().toString();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<OutboxEvent> events = IntStream.range(0, count)
                    .mapToObj(i -> new OutboxEvent(UUID.randomUUID().toString(), "dev.shipnotify.test", topic, key,
                            "{\"n\":" + i + "}", now, null))
                    .collect(Collectors.toList());
            insert(key, events);
            return events;
        }

        abstract void insert(String key, List<OutboxEvent> events);

        /** Events not yet published. */
        abstract long waiting();
    }
}
