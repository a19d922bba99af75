package dev.shipnotify.tracking.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.tracking.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Keeps the orders, in one unordered bulk write; a redelivered event writes the same document again. Of two
     * events of one order in the batch, the later (in offset order) wins: its replacement comes last.
     */
    public void placed(List<OrderPlaced> placed) {
        Map<String, ReplaceOneModel<Document>> latest = new LinkedHashMap<>();
        for (OrderPlaced order : placed) {
            Document document = Document.parse(write(OrderSnapshot.of(order))).append("_id", order.orderId());
            latest.remove(order.orderId());
            latest.put(order.orderId(), new ReplaceOneModel<>(Filters.eq("_id", order.orderId()), document,
                    new ReplaceOptions().upsert(true)));
        }
        if (!latest.isEmpty()) {
            orders.bulkWrite(List.copyOf(latest.values()), new BulkWriteOptions().ordered(false));
        }
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
