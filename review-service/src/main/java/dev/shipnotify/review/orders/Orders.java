package dev.shipnotify.review.orders;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
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

    public void placed(OrderPlaced order) {
        OrderPlaced.Customer customer = order.customer();
        boolean mayContact = customer.consent() == null || customer.consent().email() || customer.consent().whatsapp();
        List<Document> items = order.items().stream()
                .map(item -> new Document("sku", item.sku()).append("name", item.name())
                        .append("imageUrl", item.imageUrl()))
                .toList();
        orders.updateOne(Filters.eq("_id", order.orderId()), Updates.combine(
                Updates.set("merchantId", order.merchantId()),
                Updates.set("locale", customer.locale()),
                Updates.set("merchantLocale", order.merchant().defaultLocale()),
                Updates.set("shopper", shopperOf(customer.email())),
                Updates.set("mayContact", mayContact),
                Updates.set("items", items)), UPSERT);
    }

    public void cancelled(String orderId) {
        orders.updateOne(Filters.eq("_id", orderId), Updates.set("cancelled", true), UPSERT);
    }

    public void returned(String orderId) {
        orders.updateOne(Filters.eq("_id", orderId), Updates.set("returned", true), UPSERT);
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
