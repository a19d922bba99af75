package dev.shipnotify.notification.testing;

import dev.shipnotify.notification.delivery.Notification;
import dev.shipnotify.notification.delivery.NotificationAttempt;
import dev.shipnotify.notification.order.OrderProjection;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads what the service stored, each call in its own transaction. */
public final class NotificationLog {

    private NotificationLog() {
    }

    public static List<Notification> notificationsOf(String orderId) {
        return QuarkusTransaction.requiringNew().call(() -> Notification.forOrder(orderId));
    }

    public static Notification onlyNotificationOf(String orderId) {
        List<Notification> notifications = notificationsOf(orderId);
        if (notifications.size() != 1) {
            throw new AssertionError("expected one notification for order " + orderId + ", found " + notifications.size());
        }
        return notifications.get(0);
    }

    public static List<NotificationAttempt> attemptsOf(UUID notificationId) {
        return QuarkusTransaction.requiringNew().call(
                () -> NotificationAttempt.<NotificationAttempt>list("notificationId = ?1 order by attempt", notificationId));
    }

    public static Optional<OrderProjection> projectionOf(String orderId) {
        return QuarkusTransaction.requiringNew().call(() -> OrderProjection.<OrderProjection>findByIdOptional(orderId));
    }

    public static boolean wasProcessed(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).longValue() == 1);
    }

    /** How many events about this order wait for it. */
    public static long parkedFor(String orderId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM parked_event WHERE order_id = :id")
                .setParameter("id", orderId).getSingleResult()).longValue());
    }
}
