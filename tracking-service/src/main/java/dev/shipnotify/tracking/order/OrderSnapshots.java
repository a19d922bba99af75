package dev.shipnotify.tracking.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.tracking.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.bson.Document;

/** The orders {@code order-placed} announced, one document each, keyed by order id. */
@ApplicationScoped
public class OrderSnapshots {
    static final String COLLECTION = "orders";

    private final MongoCollection<Document> orders;
    private final ObjectMapper json;

    public OrderSnapshots(Store store, ObjectMapper json) {
        this.orders = store.collection(COLLECTION);
        this.json = json;
    }

    /** Keeps the order; a redelivered event writes the same document again. */
    public void placed(OrderPlaced order) {
        Document document = Document.parse(write(OrderSnapshot.of(order))).append("_id", order.orderId());
        orders.replaceOne(Filters.eq("_id", order.orderId()), document, new ReplaceOptions().upsert(true));
    }

    public Optional<OrderSnapshot> find(String orderId) {
        Document document = orders.find(Filters.eq("_id", orderId)).first();
        if (document == null) {
            return Optional.empty();
        }
        document.remove("_id");
        try {
            return Optional.of(json.readValue(document.toJson(), OrderSnapshot.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order " + orderId + " is unreadable", e);
        }
    }

    private String write(OrderSnapshot snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order snapshot is always serialisable", e);
        }
    }
}
