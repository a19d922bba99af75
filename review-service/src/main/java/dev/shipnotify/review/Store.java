package dev.shipnotify.review;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
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
}
