package dev.shipnotify.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.Location;
import dev.shipnotify.contracts.Money;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentDelivered;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.contracts.ShipmentUpdated;
import dev.shipnotify.infra.mail.MailboxClient;
import dev.shipnotify.infra.whatsapp.SentMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Orders of one merchant and the events of their parcels' journeys, as order-service and tracking-service publish
 * them: placed, shipped, out for delivery, delivered. Each of these four stages owes the shopper (who consented to
 * both channels) one email and one WhatsApp message; a second in-transit scan ({@link #transitScan}) owes nothing.
 * Shopper i has their own email address and phone number, so every accepted message can be traced to its order
 * and stage ({@link #count}).
 */
final class ParcelJourneys {
    static final String[] STAGES = {"order-placed", "shipped", "out for delivery", "delivered"};
    private static final String[] SUBJECTS = {"is confirmed", "is on its way", "arrives today", "was delivered"};
    private static final String[] TEMPLATES = {"order_confirmed", "order_shipped", "out_for_delivery",
        "order_delivered"};

    final String merchantId = UUID.randomUUID().toString();
    private final String[] orderIds;
    private final String[] shipmentIds;

    ParcelJourneys(int orders) {
        this.orderIds = new String[orders];
        this.shipmentIds = new String[orders];
        for (int i = 0; i < orders; i++) {
            orderIds[i] = UUID.randomUUID().toString();
            shipmentIds[i] = UUID.randomUUID().toString();
        }
    }

    int orders() {
        return orderIds.length;
    }

    /** The event of stage {@code stage} (index of {@link #STAGES}) of order {@code i}, scanned now. */
    Record event(int stage, int i) {
        Instant scan = Instant.now();
        return switch (stage) {
            case 0 -> order(i);
            case 1 -> update(i, ShipmentStatus.IN_TRANSIT, scan);
            case 2 -> update(i, ShipmentStatus.OUT_FOR_DELIVERY, scan);
            default -> new ShipmentDelivered(ShipmentDelivered.SCHEMA_VERSION, shipmentIds[i], orderIds[i], merchantId,
                    "Delhivery", "BENCH" + i, scan, new Location("Bengaluru", "KA", "IN"), trackingUrl(i));
        };
    }

    /** Another in-transit scan after the first: news of the parcel that tells the shopper nothing. */
    Record transitScan(int i) {
        return update(i, ShipmentStatus.IN_TRANSIT, Instant.now());
    }

    private ShipmentUpdated update(int i, ShipmentStatus status, Instant scan) {
        return new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, shipmentIds[i], orderIds[i], merchantId, "Delhivery",
                "BENCH" + i, status, null, null, new Checkpoint(scan, status, null, "X-" + status, "Scan " + status,
                        new Location("Bengaluru", "KA", "IN")), LocalDate.now().plusDays(2), trackingUrl(i));
    }

    private static String trackingUrl(int i) {
        return "https://track.bench.example/" + i;
    }

    private OrderPlaced order(int i) {
        Money price = new Money(new BigDecimal("4999.00"), "INR");
        return new OrderPlaced(OrderPlaced.SCHEMA_VERSION, orderIds[i], merchantId, Instant.now(),
                new OrderPlaced.Merchant("Kesari Handloom", "Kesari Handloom Orders", "orders@kesari.example",
                        "help@kesari.example", "+918045671234", "https://cdn.kesari.example/logo.png", "#C2410C",
                        "en-IN", null),
                new OrderPlaced.Customer("Priya Sharma", email(i), phone(i), "en-IN", "Asia/Kolkata",
                        new OrderPlaced.Consent(true, true)),
                List.of(new OrderPlaced.Item("KH-SAR-0042", "Banarasi silk saree", 1, price,
                        "https://cdn.kesari.example/p/KH-SAR-0042.jpg")), price,
                new OrderPlaced.Shipping("Bengaluru", "560034", "IN"));
    }

    static String email(int i) {
        return "shopper-" + i + "@bench.example";
    }

    static String phone(int i) {
        return "+9190" + String.format("%08d", i);
    }

    /** Event bodies as the services write them: Quarkus's mapper has JavaTimeModule and ISO-8601 dates. */
    static ObjectMapper eventJson() {
        return JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }

    /** Accepted messages per order and stage, per channel; {@code emailIds} counts distinct Message-IDs. */
    record Counts(int[][] emails, int[][] emailIds, int[][] whatsapps, int unmatched) {
        /** Order and stage pairs that got no message on the channel. */
        static long missing(int[][] counts) {
            long missing = 0;
            for (int[] order : counts) {
                for (int count : order) {
                    missing += count == 0 ? 1 : 0;
                }
            }
            return missing;
        }

        /** Messages beyond the first for an order and stage. */
        static long duplicates(int[][] counts) {
            long duplicates = 0;
            for (int[] order : counts) {
                for (int count : order) {
                    duplicates += Math.max(0, count - 1);
                }
            }
            return duplicates;
        }
    }

    /**
     * Matches each accepted message to its order and stage; {@code onEmail} and {@code onWhatsApp} also see each
     * match (order, stage, acceptance time), e.g. for latencies.
     */
    Counts count(List<MailboxClient.Summary> mails, List<SentMessage> whatsapps, Match onEmail, Match onWhatsApp) {
        Map<String, Integer> byEmail = new HashMap<>();
        Map<String, Integer> byPhone = new HashMap<>();
        for (int i = 0; i < orders(); i++) {
            byEmail.put(email(i), i);
            byPhone.put(phone(i), i);
        }
        int[][] emails = new int[orders()][STAGES.length];
        int[][] emailIds = new int[orders()][STAGES.length];
        int[][] whatsappCount = new int[orders()][STAGES.length];
        Map<String, Boolean> seenIds = new HashMap<>();
        int unmatched = 0;
        for (MailboxClient.Summary mail : mails) {
            Integer i = mail.to().isEmpty() ? null : byEmail.get(mail.to().get(0).address());
            int stage = stageOf(mail.subject(), SUBJECTS);
            if (i == null || stage < 0) {
                unmatched++;
                continue;
            }
            emails[i][stage]++;
            if (seenIds.put(mail.messageId(), true) == null) {
                emailIds[i][stage]++;
            }
            onEmail.matched(i, stage, mail.created());
        }
        for (SentMessage message : whatsapps) {
            Integer i = byPhone.get(message.to());
            int stage = stageOf(message.templateName(), TEMPLATES);
            if (i == null || stage < 0) {
                unmatched++;
                continue;
            }
            whatsappCount[i][stage]++;
            onWhatsApp.matched(i, stage, message.time());
        }
        return new Counts(emails, emailIds, whatsappCount, unmatched);
    }

    Counts count(List<MailboxClient.Summary> mails, List<SentMessage> whatsapps) {
        Match none = (i, stage, accepted) -> { };
        return count(mails, whatsapps, none, none);
    }

    @FunctionalInterface
    interface Match {
        void matched(int order, int stage, Instant accepted);
    }

    private static int stageOf(String text, String[] markers) {
        for (int stage = 0; stage < markers.length; stage++) {
            if (text != null && text.contains(markers[stage])) {
                return stage;
            }
        }
        return -1;
    }
}
