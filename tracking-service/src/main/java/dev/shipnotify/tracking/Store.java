package dev.shipnotify.tracking;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's MongoDB database ({@code quarkus.mongodb.database}); each feature owns its collections and indexes. */
@ApplicationScoped
public class Store {
    private final MongoDatabase database;

    public Store(MongoClient client, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.database = client.getDatabase(database);
    }

    public MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    /**
     * A filter matching both conditions, written flat ({@code {a: 1, b: 2}}) rather than as {@code Filters.and},
     * which renders {@code $and}. MongoDB answers both alike; the embedded wire server of local runs uses a
     * (unique) index only for a flat filter naming exactly the index's fields, and otherwise reads the whole
     * collection. Filters on hot paths are built to fit an index that way.
     */
    public static Bson allOf(String field, Object value, String otherField, Object otherValue) {
        return new Document(field, value).append(otherField, otherValue);
    }
}
