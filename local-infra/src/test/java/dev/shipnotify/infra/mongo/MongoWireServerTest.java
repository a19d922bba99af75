package dev.shipnotify.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoWireServerTest {

    @Test
    void insertsAndFindsADocument() throws Exception {
        try (MongoWireServer server = MongoWireServer.start(0, null);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> shipments = client.getDatabase("tracking").getCollection("shipments");
            shipments.insertOne(new Document("_id", "s-1").append("status", "IN_TRANSIT"));

            assertThat(shipments.find(Filters.eq("_id", "s-1")).first()).containsEntry("status", "IN_TRANSIT");
            assertThat(server.connectionString()).isEqualTo("mongodb://127.0.0.1:" + server.port());
        }
    }

    @Test
    void rejectsADuplicateOfAUniqueIndexWithCode11000() throws Exception {
        try (MongoWireServer server = MongoWireServer.start(0, null);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> shipments = client.getDatabase("tracking").getCollection("shipments");
            shipments.createIndex(Indexes.ascending("carrier", "trackingNumber"), new IndexOptions().unique(true));
            shipments.insertOne(new Document("carrier", "dhl").append("trackingNumber", "123"));

            assertThatThrownBy(() -> shipments.insertOne(new Document("carrier", "dhl").append("trackingNumber", "123")))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> assertThat(e.getCode()).isEqualTo(11000));
        }
    }

    @Test
    void fileBackendKeepsDocumentsAndIndexesAcrossARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mongo/mongo.mv");
        try (MongoWireServer first = MongoWireServer.start(0, file);
                MongoClient client = MongoClients.create(first.connectionString())) {
            MongoCollection<Document> reviews = client.getDatabase("reviews").getCollection("requests");
            reviews.createIndex(Indexes.ascending("orderId"), new IndexOptions().unique(true));
            reviews.insertOne(new Document("orderId", "order-1"));
        }

        try (MongoWireServer second = MongoWireServer.start(0, file);
                MongoClient client = MongoClients.create(second.connectionString())) {
            MongoCollection<Document> reviews = client.getDatabase("reviews").getCollection("requests");

            assertThat(reviews.find(Filters.eq("orderId", "order-1")).first()).isNotNull();
            assertThatThrownBy(() -> reviews.insertOne(new Document("orderId", "order-1")))
                    .isInstanceOf(MongoWriteException.class);
        }
    }
}
