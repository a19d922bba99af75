package dev.shipnotify.review.orders;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.shipnotify.contracts.Digests;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.review.Store;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The projection of orders ({@code orders}, keyed by order id) from {@code order-placed}, {@code order-cancelled}
 * and returning shipments. Each event sets its own fields with an upsert, so they commute: a cancellation that
 * arrives before its order still counts.
 */
@ApplicationScoped
public class Orders {
    static final String COLLECTION = "orders";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> orders;

    public Orders(Store store) {
        this.orders = store.collection(COLLECTION);
    }

    /** Sets what each order says of itself, one bulk write for them all; the last event of an order wins. */
    public void placed(List<OrderPlaced> placed) {
        write(placed.stream().map(order -> update(order.orderId(), placedFields(order))).toList());
    }

    public void cancelled(List<String> orderIds) {
        write(orderIds.stream().map(id -> update(id, Updates.set("cancelled", true))).toList());
    }

    public void returned(List<String> orderIds) {
        write(orderIds.stream().map(id -> update(id, Updates.set("returned", true))).toList());
    }

    private static Bson placedFields(OrderPlaced order) {
        OrderPlaced.Customer customer = order.customer();
        boolean mayContact = customer.consent() == null || customer.consent().email() || customer.consent().whatsapp();
        List<Document> items = order.items().stream()
                .map(item -> new Document("sku", item.sku()).append("name", item.name())
                        .append("imageUrl", item.imageUrl()))
                .toList();
        return Updates.combine(
                Updates.set("merchantId", order.merchantId()),
                Updates.set("locale", customer.locale()),
                Updates.set("merchantLocale", order.merchant().defaultLocale()),
                Updates.set("shopper", shopperOf(customer.email())),
                Updates.set("mayContact", mayContact),
                Updates.set("items", items));
    }

    private static UpdateOneModel<Document> update(String orderId, Bson fields) {
        return new UpdateOneModel<>(Filters.eq("_id", orderId), fields, UPSERT);
    }

    /**
     * One ordered bulk write: two events of one order in a batch apply in offset order, as they would one by one.
     * Each is still an upsert by id, so one round trip does the batch.
     */
    private void write(List<UpdateOneModel<Document>> updates) {
        if (!updates.isEmpty()) {
            orders.bulkWrite(updates, new BulkWriteOptions().ordered(true));
        }
    }

    public Optional<Order> find(String orderId) {
        return Optional.ofNullable(orders.find(Filters.eq("_id", orderId)).first()).map(Orders::order);
    }

    /** The same for every order of one email address, and not the address: a hash of it, lower-cased. */
    public static String shopperOf(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return Digests.sha256Hex(email.strip().toLowerCase(Locale.ROOT));
    }

    private static Order order(Document document) {
        List<Order.Item> items = document.getList("items", Document.class, List.of()).stream()
                .map(item -> new Order.Item(item.getString("sku"), item.getString("name"), item.getString("imageUrl")))
                .toList();
        return new Order(document.getString("_id"), document.getString("merchantId"), document.getString("locale"),
                document.getString("merchantLocale"), document.getString("shopper"),
                document.getBoolean("mayContact", true), items, document.getBoolean("cancelled", false),
                document.getBoolean("returned", false));
    }
}
