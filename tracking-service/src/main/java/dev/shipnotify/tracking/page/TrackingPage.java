package dev.shipnotify.tracking.page;

import dev.shipnotify.problem.PageText;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.Location;
import dev.shipnotify.contracts.OrderPlaced;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.tracking.order.OrderSnapshot;
import dev.shipnotify.tracking.shipment.Progress;
import dev.shipnotify.tracking.shipment.Shipment;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the shopper sees of one parcel, in their language and time zone: the page renders it, and its JSON twin is
 * it. Holds no contact details of the shopper and nothing of other orders.
 */
public record TrackingPage(String lang, String carrier, String trackingNumber, ShipmentStatus status,
        ExceptionReason reason, String headline, String detail, LocalDate promisedDate, String promised,
        Merchant merchant, List<Update> updates, List<Item> items, @JsonIgnore PageText text) {
    /** The page's words: {@code page/tracking[_<language>].properties}. */
    public static final String WORDS = "page.tracking";

    /** The shop, as it was branded when the order was placed. */
    public record Merchant(String name, String logoUrl, String brandColor, String supportEmail,
            String supportPhone) {
    }

    /** One checkpoint, newest first, with its time in the shopper's time zone. */
    public record Update(Instant time, String when, ShipmentStatus status, String headline, String message,
            String place) {
    }

    public record Item(String name, int quantity, String imageUrl) {
    }

    static TrackingPage of(Shipment shipment, OrderSnapshot order) {
        OrderPlaced.Merchant brand = order.merchant();
        PageText text = PageText.in(TrackingPage.WORDS, order.locale(), brand == null ? null : brand.defaultLocale());
        ZoneId zone = zone(order.timeZone());
        DateTimeFormatter times = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(text.locale()).withZone(zone);
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(text.locale());
        Progress progress = shipment.progress();
        List<Update> updates = shipment.checkpoints().stream()
                .map(Shipment.Recorded::checkpoint)
                .sorted((a, b) -> b.time().compareTo(a.time()))
                .map(c -> new Update(c.time(), times.format(c.time()), c.status(), text.get("status." + c.status()),
                        c.message(), place(c)))
                .toList();
        String promised = progress.status() == ShipmentStatus.DELIVERED
                ? text.get("delivered.on") + ": " + times.format(progress.checkpoint().time())
                : shipment.promisedDate() == null ? null
                        : text.get("expected") + ": " + dates.format(shipment.promisedDate());
        return new TrackingPage(text.lang(), shipment.carrier(), shipment.trackingNumber(), progress.status(),
                progress.reason(), text.get("status." + progress.status()),
                progress.reason() == null ? null : text.get("reason." + progress.reason()),
                shipment.promisedDate(), promised,
                brand == null ? new Merchant("", null, "#1f2937", null, null)
                        : new Merchant(brand.name(), brand.logoUrl(),
                                brand.brandColor() == null ? "#1f2937" : brand.brandColor(), brand.supportEmail(),
                                brand.supportPhone()),
                updates, order.items().stream().map(i -> new Item(i.name(), i.quantity(), i.imageUrl())).toList(),
                text);
    }

    private static String place(Checkpoint checkpoint) {
        Location l = checkpoint.location();
        return l == null ? null : Stream.of(l.city(), l.region(), l.country()).filter(Objects::nonNull)
                .filter(s -> !s.isBlank()).collect(Collectors.collectingAndThen(Collectors.joining(", "),
                        s -> s.isEmpty() ? null : s));
    }

    private static ZoneId zone(String timeZone) {
        try {
            return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
