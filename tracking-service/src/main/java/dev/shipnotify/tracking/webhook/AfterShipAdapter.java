package dev.shipnotify.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.Location;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.problem.FieldErrors;
import dev.shipnotify.tracking.shipment.Scan;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * AfterShip tracking webhooks: {@code {event: "tracking_update", msg: {tracking_number, slug, checkpoints: [...]}}},
 * signed with {@code aftership-hmac-sha256: base64(HMAC-SHA256(secret, raw body))}. Each checkpoint's tag and
 * subtag map to the taxonomy; AfterShip has no return tag, so returns are {@code Exception_010} (returning) and
 * {@code Exception_011} (returned). Other events (estimated-delivery revisions) carry no scan and store nothing.
 */
@ApplicationScoped
public class AfterShipAdapter implements CourierAdapter {
    static final String SIGNATURE = "aftership-hmac-sha256";

    private static final Map<String, ShipmentStatus> TAGS = Map.of(
            "Pending", ShipmentStatus.PENDING,
            "InfoReceived", ShipmentStatus.INFO_RECEIVED,
            "InTransit", ShipmentStatus.IN_TRANSIT,
            "OutForDelivery", ShipmentStatus.OUT_FOR_DELIVERY,
            "AttemptFail", ShipmentStatus.FAILED_ATTEMPT,
            "Delivered", ShipmentStatus.DELIVERED,
            "AvailableForPickup", ShipmentStatus.AVAILABLE_FOR_PICKUP,
            "Exception", ShipmentStatus.EXCEPTION,
            "Expired", ShipmentStatus.EXPIRED);

    /** Exception subtags (AfterShip's delivery sub-statuses) that mean something more precise than "exception". */
    private static final Map<String, ExceptionReason> EXCEPTIONS = Map.ofEntries(
            Map.entry("Exception_002", ExceptionReason.ADDRESS_ISSUE),
            Map.entry("Exception_003", ExceptionReason.REFUSED),
            Map.entry("Exception_004", ExceptionReason.HELD_BY_CUSTOMS),
            Map.entry("Exception_005", ExceptionReason.DELAYED),
            Map.entry("Exception_007", ExceptionReason.ADDRESS_ISSUE),
            Map.entry("Exception_012", ExceptionReason.DAMAGED),
            Map.entry("Exception_013", ExceptionReason.LOST),
            Map.entry("Exception_016", ExceptionReason.DELAYED),
            Map.entry("Exception_017", ExceptionReason.DELAYED),
            Map.entry("Exception_019", ExceptionReason.DELAYED));

    private final ObjectMapper json;

    public AfterShipAdapter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String source() {
        return "aftership";
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String signature = request.header(SIGNATURE);
        if (signature == null) {
            throw new SignatureRejectedException("Send the " + SIGNATURE + " header");
        }
        if (!Hmac.matchesAny(decode(signature.strip()), secrets, key -> Hmac.sha256(key, request.body()))) {
            throw new SignatureRejectedException(SIGNATURE + " does not match the body under a current secret");
        }
    }

    @Override
    public List<Scan> scans(WebhookRequest request) {
        JsonNode root = WebhookJson.object(json, request.body());
        if (!"tracking_update".equals(root.path("event").asText())) {
            return List.of();
        }
        FieldErrors errors = new FieldErrors();
        JsonNode msg = root.path("msg");
        String trackingNumber = JsonFields.text(msg, "tracking_number", "msg.", 64, true, errors);
        String slug = JsonFields.text(msg, "slug", "msg.", 64, true, errors);
        JsonNode checkpoints = msg.path("checkpoints");
        if (!checkpoints.isArray()) {
            errors.add("msg.checkpoints", "must be a list");
        }
        List<Checkpoint> read = new ArrayList<>();
        for (int i = 0; checkpoints.isArray() && i < checkpoints.size(); i++) {
            read.add(checkpoint(checkpoints.get(i), "msg.checkpoints[" + i + "].", errors));
        }
        errors.throwIfAny();
        return read.stream().map(c -> new Scan(source(), slug, trackingNumber, c)).toList();
    }

    private static Checkpoint checkpoint(JsonNode node, String at, FieldErrors errors) {
        String tag = JsonFields.text(node, "tag", at, 64, true, errors);
        String subtag = JsonFields.text(node, "subtag", at, 64, false, errors);
        ShipmentStatus status = tag == null ? null : TAGS.get(tag);
        if (tag != null && status == null) {
            errors.add(at + "tag", "must be one of " + TAGS.keySet());
        }
        ExceptionReason reason = null;
        if ("Exception_010".equals(subtag)) {
            status = ShipmentStatus.RETURNING;
        } else if ("Exception_011".equals(subtag)) {
            status = ShipmentStatus.RETURNED;
        } else if (status == ShipmentStatus.EXCEPTION) {
            reason = EXCEPTIONS.getOrDefault(subtag, ExceptionReason.OTHER);
        }
        Instant time = time(node, at, errors);
        String country = node.hasNonNull("country_region") ? node.path("country_region").asText()
                : node.path("country_iso3").asText(null);
        Location location = new Location(node.path("city").asText(null), node.path("state").asText(null), country);
        return status == null || time == null ? null : new Checkpoint(time, status, reason, subtag,
                node.path("message").asText(null), location);
    }

    /**
     * {@code checkpoint_time} is the scan's local time, with an offset when the courier gave one; without it (or
     * empty) the time AfterShip recorded the checkpoint ({@code created_at}, UTC) stands in, and a bare date means
     * its start in UTC.
     */
    private static Instant time(JsonNode node, String at, FieldErrors errors) {
        String local = node.path("checkpoint_time").asText("");
        try {
            return OffsetDateTime.parse(local).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            String recorded = node.path("created_at").asText("");
            try {
                return OffsetDateTime.parse(recorded).toInstant();
            } catch (DateTimeParseException notRecorded) {
                try {
                    return local.length() > 10 ? LocalDateTime.parse(local).toInstant(ZoneOffset.UTC)
                            : LocalDate.parse(local).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException unreadable) {
                    errors.add(at + "checkpoint_time", "must be an ISO-8601 date-time");
                    return null;
                }
            }
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
