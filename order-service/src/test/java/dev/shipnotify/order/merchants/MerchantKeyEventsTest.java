package dev.shipnotify.order.merchants;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.EventType;
import dev.shipnotify.contracts.MerchantKeyChanged;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.order.EventSchemas;
import dev.shipnotify.order.TestMerchant;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Every key change reaches {@code merchant-keys}, so other services can authenticate merchants on their own. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres"),
        @ResourceArg(name = "postgres.database", value = "orders") })
class MerchantKeyEventsTest {

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void publishesEachKeyWhenIssued_andAgainWhenRevoked_keyedByMerchant() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        String secondKey = given().header("Authorization", "Bearer " + TestMerchant.ADMIN_TOKEN)
                .when().post("/api/admin/merchants/" + merchant.id() + "/keys")
                .then().statusCode(201).extract().path("apiKey");
        String firstKeyId = given().header("Authorization", "Bearer " + TestMerchant.ADMIN_TOKEN)
                .when().get("/api/admin/merchants/" + merchant.id() + "/keys")
                .then().statusCode(200).extract().path("[0].id");
        given().header("Authorization", "Bearer " + TestMerchant.ADMIN_TOKEN)
                .when().delete("/api/admin/merchants/" + merchant.id() + "/keys/" + firstKeyId)
                .then().statusCode(200);

        List<TopicReader.Record> records = new TopicReader(kafka()).awaitRecords(Topics.MERCHANT_KEYS,
                r -> merchant.id().equals(r.key()), 3, Duration.ofSeconds(15));

        assertThat(records).hasSize(3);
        List<MerchantKeyChanged> changes = records.stream().map(r -> read(r.value())).toList();
        assertThat(changes).extracting(MerchantKeyChanged::merchantId).containsOnly(merchant.id());
        assertThat(changes.get(0).keyHash()).isEqualTo(ApiKeys.hash(merchant.apiKey()));
        assertThat(changes.get(0).revoked()).isFalse();
        assertThat(changes.get(1).keyHash()).isEqualTo(ApiKeys.hash(secondKey));
        assertThat(changes.get(2).keyId()).isEqualTo(firstKeyId);
        assertThat(changes.get(2).keyHash()).isEqualTo(changes.get(0).keyHash());
        assertThat(changes.get(2).revoked()).isTrue();
        for (TopicReader.Record record : records) {
            assertThat(record.header(CloudEventHeaders.TYPE)).isEqualTo(EventType.MERCHANT_KEY_CHANGED.ceType());
            assertThat(record.header(CloudEventHeaders.SUBJECT)).isEqualTo(merchant.id());
            assertThat(EventSchemas.of(EventType.MERCHANT_KEY_CHANGED).validate(json.readTree(record.value())))
                    .isEmpty();
        }
    }

    /** V6 writes JSON by hand in SQL: run it over a key it did not see, and read what it wrote as the contract. */
    @Test
    void theBackfillMigration_writesAValidEventForEveryKeyThatExistedBefore() throws Exception {
        TestMerchant merchant = TestMerchant.create();
        UUID keyId = UUID.randomUUID();
        Instant issued = Instant.parse("2025-03-01T09:30:00.125Z");
        Instant revoked = Instant.parse("2025-06-01T10:00:00Z");
        String migration = Files.readString(Path.of("src/main/resources/db/migration/V6__merchant_keys_published.sql"));

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into merchant_api_keys (id, merchant_id, key_hash, key_prefix, created_at, revoked_at)
                        values (?, ?::uuid, ?, 'snk_backfil', ?, ?)""")) {
                    insert.setObject(1, keyId);
                    insert.setString(2, merchant.id());
                    insert.setString(3, ApiKeys.hash("snk_" + keyId));
                    insert.setTimestamp(4, Timestamp.from(issued));
                    insert.setTimestamp(5, Timestamp.from(revoked));
                    insert.executeUpdate();
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute(migration);
                }

                try (PreparedStatement select = connection.prepareStatement(
                        "select payload, topic, ce_type, message_key from outbox where payload like ?")) {
                    select.setString(1, "%" + keyId + "%");
                    try (ResultSet rs = select.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(EventSchemas.of(EventType.MERCHANT_KEY_CHANGED).validate(json.readTree(
                                rs.getString(1)))).isEmpty();
                        assertThat(read(rs.getString(1))).isEqualTo(new MerchantKeyChanged(
                                MerchantKeyChanged.SCHEMA_VERSION, merchant.id(), keyId.toString(),
                                ApiKeys.hash("snk_" + keyId), issued, revoked));
                        assertThat(rs.getString(2)).isEqualTo(Topics.MERCHANT_KEYS);
                        assertThat(rs.getString(3)).isEqualTo(EventType.MERCHANT_KEY_CHANGED.ceType());
                        assertThat(rs.getString(4)).isEqualTo(merchant.id());
                        assertThat(rs.next()).isFalse();
                    }
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private MerchantKeyChanged read(String body) {
        try {
            return json.readValue(body, MerchantKeyChanged.class);
        } catch (Exception e) {
            throw new AssertionError("not a MerchantKeyChanged: " + body, e);
        }
    }

    private static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
