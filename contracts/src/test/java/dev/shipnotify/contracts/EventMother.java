package dev.shipnotify.contracts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Builds events with fresh ids. The switches have no default branch, so a new {@link EventType} does not
 * compile until it has a builder here, and then every contract test covers it.
 */
final class EventMother {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private EventMother() {
    }

    /** Every component set, every enum used. */
    static Record fullyPopulated(EventType type) {
        return switch (type) {
            case MERCHANT_KEY_CHANGED -> merchantKeyRevoked();
            case ORDER_PLACED -> orderPlaced();
            case ORDER_CANCELLED -> orderCancelled();
            case SHIPMENT_UPDATED -> shipmentUpdated();
            case SHIPMENT_DELIVERED -> shipmentDelivered();
            case REVIEW_REQUESTED -> reviewRequested();
            case SHOPPER_REPLIED -> shopperReplied();
            case REVIEW_THANKED -> new ReviewThanked(ReviewThanked.SCHEMA_VERSION, id("thx"), id("ord"), id("mer"),
                    "THANKS10", Instant.now());
        };
    }

    /** Only what the schema requires; everything else null, which Jackson writes as null. */
    static Record withOnlyRequiredFields(EventType type) {
        return switch (type) {
            case MERCHANT_KEY_CHANGED -> new MerchantKeyChanged(MerchantKeyChanged.SCHEMA_VERSION, id("mer"), id("key"),
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Instant.now(), null);
            case ORDER_PLACED -> new OrderPlaced(OrderPlaced.SCHEMA_VERSION, id("ord"), id("mer"), Instant.now(),
                    new OrderPlaced.Merchant("Kesari Handloom", null, null, null, null, null, null, null, null),
                    new OrderPlaced.Customer(null, null, "+919812345678", "hi-IN", null,
                            new OrderPlaced.Consent(false, true)),
                    List.of(new OrderPlaced.Item("KH-STL-PAS-0311", "Pashmina stole", 1, null, null)),
                    inr("2450.00"), null);
            case ORDER_CANCELLED -> new OrderCancelled(OrderCancelled.SCHEMA_VERSION, id("ord"), id("mer"),
                    Instant.now(), null);
            case SHIPMENT_UPDATED -> new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, id("shp"), id("ord"),
                    id("mer"), "Blue Dart", awb(), ShipmentStatus.INFO_RECEIVED, null, null,
                    new Checkpoint(Instant.now(), ShipmentStatus.INFO_RECEIVED, null, null, null, null), null, null);
            case SHIPMENT_DELIVERED -> new ShipmentDelivered(ShipmentDelivered.SCHEMA_VERSION, id("shp"), id("ord"),
                    id("mer"), "Blue Dart", awb(), Instant.now(), null, null);
            case REVIEW_REQUESTED -> new ReviewRequested(ReviewRequested.SCHEMA_VERSION, id("rev"), id("ord"),
                    id("mer"), false, Instant.now().plus(Duration.ofDays(30)),
                    List.of(new ReviewRequested.Item("KH-STL-PAS-0311", "Pashmina stole", null,
                            List.of(new ReviewRequested.StarLink(5, "https://reviews.kesarihandloom.example/r/"
                                    + id("rev") + "/5?sig=c2lnbmVk")))));
            case SHOPPER_REPLIED -> new ShopperReplied(ShopperReplied.SCHEMA_VERSION, "wamid." + id("rep"), id("ord"),
                    id("mer"), null, null, "WHATSAPP", null, null, Instant.now());
            case REVIEW_THANKED -> new ReviewThanked(ReviewThanked.SCHEMA_VERSION, id("thx"), id("ord"), id("mer"),
                    null, Instant.now());
        };
    }

    static MerchantKeyChanged merchantKeyRevoked() {
        Instant issued = Instant.now().minus(Duration.ofDays(90));
        return new MerchantKeyChanged(MerchantKeyChanged.SCHEMA_VERSION, id("mer"), id("key"),
                "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", issued, Instant.now());
    }

    static OrderPlaced orderPlaced() {
        Money saree = inr("4999.00");
        Money dupatta = inr("899.00");
        return new OrderPlaced(OrderPlaced.SCHEMA_VERSION, id("ord"), id("mer"), Instant.now(), merchant(),
                new OrderPlaced.Customer("Priya Sharma", "priya.sharma@example.com", "+919876543210", "hi-IN",
                        KOLKATA.getId(), new OrderPlaced.Consent(true, true)),
                List.of(new OrderPlaced.Item("KH-SAR-BAN-0042", "Banarasi silk saree, maroon", 1, saree,
                                "https://cdn.kesarihandloom.example/p/KH-SAR-BAN-0042.jpg"),
                        new OrderPlaced.Item("KH-DUP-CHN-0107", "Chanderi cotton dupatta, saffron", 2, dupatta,
                                "https://cdn.kesarihandloom.example/p/KH-DUP-CHN-0107.jpg")),
                new Money(saree.amount().add(dupatta.amount().multiply(BigDecimal.valueOf(2))), "INR"),
                new OrderPlaced.Shipping("Bengaluru", "560034", "IN"));
    }

    static OrderCancelled orderCancelled() {
        return new OrderCancelled(OrderCancelled.SCHEMA_VERSION, id("ord"), id("mer"), Instant.now(),
                "The maroon saree is out of stock; your payment will be refunded within 5 working days.");
    }

    static ShipmentUpdated shipmentUpdated() {
        String shipmentId = id("shp");
        Location hub = new Location("Bengaluru", "Karnataka", "IN");
        return new ShipmentUpdated(ShipmentUpdated.SCHEMA_VERSION, shipmentId, id("ord"), id("mer"), "Delhivery",
                awb(), ShipmentStatus.EXCEPTION, ShipmentStatus.IN_TRANSIT, ExceptionReason.DELAYED,
                new Checkpoint(Instant.now(), ShipmentStatus.EXCEPTION, ExceptionReason.DELAYED, "X-NSZ",
                        "Shipment delayed due to heavy rain at Bengaluru_Hub", hub),
                LocalDate.now(KOLKATA).plusDays(2), trackingUrl(shipmentId));
    }

    static ShipmentDelivered shipmentDelivered() {
        String shipmentId = id("shp");
        return new ShipmentDelivered(ShipmentDelivered.SCHEMA_VERSION, shipmentId, id("ord"), id("mer"), "Delhivery",
                awb(), Instant.now(), new Location("Bengaluru", "Karnataka", "IN"), trackingUrl(shipmentId));
    }

    static ShopperReplied shopperReplied() {
        return new ShopperReplied(ShopperReplied.SCHEMA_VERSION, "wamid." + id("rep"), id("ord"), id("mer"), id("shp"),
                "FAILED_ATTEMPT", "WHATSAPP", "REATTEMPT", "Deliver again", Instant.now());
    }

    static ReviewRequested reviewRequested() {
        String requestId = id("rev");
        return new ReviewRequested(ReviewRequested.SCHEMA_VERSION, requestId, id("ord"), id("mer"), true,
                Instant.now().plus(Duration.ofDays(30)),
                List.of(reviewItem(requestId, "KH-SAR-BAN-0042", "Banarasi silk saree, maroon"),
                        reviewItem(requestId, "KH-DUP-CHN-0107", "Chanderi cotton dupatta, saffron")));
    }

    private static ReviewRequested.Item reviewItem(String requestId, String sku, String name) {
        List<ReviewRequested.StarLink> stars = IntStream.rangeClosed(1, 5)
                .mapToObj(n -> new ReviewRequested.StarLink(n, "https://reviews.kesarihandloom.example/r/" + requestId
                        + "/" + sku + "/" + n + "?sig=" + UUID.randomUUID().toString().replace("-", "")))
                .toList();
        return new ReviewRequested.Item(sku, name, "https://cdn.kesarihandloom.example/p/" + sku + ".jpg", stars);
    }

    private static OrderPlaced.Merchant merchant() {
        return new OrderPlaced.Merchant("Kesari Handloom", "Kesari Handloom Orders", "orders@kesarihandloom.example",
                "help@kesarihandloom.example", "+918045671234", "https://cdn.kesarihandloom.example/brand/logo-240.png",
                "#C2410C", "en-IN", "106540352242922");
    }

    static Money inr(String amount) {
        return new Money(new BigDecimal(amount), "INR");
    }

    private static String trackingUrl(String shipmentId) {
        return "https://track.kesarihandloom.example/s/" + shipmentId;
    }

    private static String awb() {
        return String.valueOf(1_000_000_000_000L + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(),
                9_000_000_000_000L));
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
