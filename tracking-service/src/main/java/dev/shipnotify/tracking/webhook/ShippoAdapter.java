package dev.shipnotify.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.Location;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.problem.FieldErrors;
import dev.shipnotify.tracking.TrackingConfig;
import dev.shipnotify.tracking.shipment.Scan;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Shippo {@code track_updated} webhooks: the Track object in {@code data}, its scans in
 * {@code data.tracking_history[]} (and the latest in {@code data.tracking_status}). Signed with Shippo's opt-in
 * HMAC, {@code Shippo-Auth-Signature: t=<unix seconds>,v1=<lower-case hex HMAC-SHA256 of "<t>.<raw body>">}, with
 * the same replay window as our own webhooks. Shippo's status is coarse; its substatus code says what happened
 * ({@code out_for_delivery} is a substatus of {@code TRANSIT}). {@code UNKNOWN} scans are not stored.
 */
@ApplicationScoped
public class ShippoAdapter implements CourierAdapter {
    static final String SIGNATURE = "Shippo-Auth-Signature";

    private static final Map<String, ShipmentStatus> TRANSIT_SUBSTATUSES = Map.of(
            "out_for_delivery", ShipmentStatus.OUT_FOR_DELIVERY,
            "delivery_attempted", ShipmentStatus.FAILED_ATTEMPT,
            "notice_left", ShipmentStatus.FAILED_ATTEMPT,
            "pickup_available", ShipmentStatus.AVAILABLE_FOR_PICKUP);

    private static final Map<String, ExceptionReason> TRANSIT_PROBLEMS = Map.of(
            "delayed", ExceptionReason.DELAYED,
            "address_issue", ExceptionReason.ADDRESS_ISSUE,
            "location_inaccessible", ExceptionReason.ADDRESS_ISSUE,
            "package_damaged", ExceptionReason.DAMAGED,
            "contact_carrier", ExceptionReason.OTHER,
            "package_held", ExceptionReason.OTHER);

    private final ObjectMapper json;
    private final Duration tolerance;

    public ShippoAdapter(ObjectMapper json, TrackingConfig config) {
        this.json = json;
        this.tolerance = config.webhook().tolerance();
    }

    @Override
    public String source() {
        return "shippo";
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String header = request.header(SIGNATURE);
        if (header == null) {
            throw new SignatureRejectedException("Send the " + SIGNATURE + " header (t=<unix seconds>,v1=<hex>)");
        }
        String timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                timestamp = pair[1];
            } else if (pair.length == 2 && pair[0].equals("v1")) {
                signatures.add(Hmac.utf8(pair[1].toLowerCase()));
            }
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp);
        } catch (NumberFormatException e) {
            throw new SignatureRejectedException(SIGNATURE + " must carry t=<unix seconds>");
        }
        if (Math.abs(request.receivedAt().getEpochSecond() - seconds) > tolerance.toSeconds()) {
            throw new SignatureRejectedException(SIGNATURE + " is more than " + tolerance.toSeconds()
                    + " s away from now");
        }
        byte[] signed = Hmac.utf8(seconds + ".");
        for (byte[] presented : signatures) {
            if (Hmac.matchesAny(presented, secrets,
                    key -> Hmac.utf8(HexFormat.of().formatHex(Hmac.sha256(key, signed, request.body()))))) {
                return;
            }
        }
        throw new SignatureRejectedException(SIGNATURE + " does not match the body under a current secret");
    }

    @Override
    public List<Scan> scans(WebhookRequest request) {
        JsonNode root = WebhookJson.object(json, request.body());
        if (!"track_updated".equals(root.path("event").asText())) {
            return List.of();
        }
        FieldErrors errors = new FieldErrors();
        JsonNode track = root.path("data");
        String trackingNumber = JsonFields.text(track, "tracking_number", "data.", 64, true, errors);
        String carrier = JsonFields.text(track, "carrier", "data.", 64, true, errors);
        JsonNode history = track.path("tracking_history");
        if (!history.isArray()) {
            errors.add("data.tracking_history", "must be a list");
        }
        List<Checkpoint> read = new ArrayList<>();
        for (int i = 0; history.isArray() && i < history.size(); i++) {
            checkpoint(history.get(i), "data.tracking_history[" + i + "].", errors, read);
        }
        if (track.path("tracking_status").isObject()) {
            checkpoint(track.path("tracking_status"), "data.tracking_status.", errors, read);
        }
        errors.throwIfAny();
        return read.stream().distinct().map(c -> new Scan(source(), carrier, trackingNumber, c)).toList();
    }

    private static void checkpoint(JsonNode node, String at, FieldErrors errors, List<Checkpoint> read) {
        String status = JsonFields.text(node, "status", at, 32, true, errors);
        if (status == null || status.equals("UNKNOWN")) {
            return;
        }
        String substatus = node.path("substatus").path("code").asText(null);
        ShipmentStatus normalised;
        ExceptionReason reason = null;
        switch (status) {
            case "PRE_TRANSIT" -> normalised = ShipmentStatus.INFO_RECEIVED;
            case "TRANSIT" -> {
                normalised = TRANSIT_SUBSTATUSES.getOrDefault(substatus, ShipmentStatus.IN_TRANSIT);
                if (TRANSIT_PROBLEMS.containsKey(substatus)) {
                    normalised = ShipmentStatus.EXCEPTION;
                    reason = TRANSIT_PROBLEMS.get(substatus);
                }
            }
            case "DELIVERED" -> normalised = ShipmentStatus.DELIVERED;
            case "RETURNED" -> normalised = "return_to_sender".equals(substatus) || "package_unclaimed".equals(substatus)
                    ? ShipmentStatus.RETURNING : ShipmentStatus.RETURNED;
            case "FAILURE" -> {
                normalised = ShipmentStatus.EXCEPTION;
                reason = "package_lost".equals(substatus) || "package_disposed".equals(substatus)
                        ? ExceptionReason.LOST : ExceptionReason.OTHER;
            }
            default -> {
                errors.add(at + "status", "must be one of PRE_TRANSIT, TRANSIT, DELIVERED, RETURNED, FAILURE, UNKNOWN");
                return;
            }
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(node.path("status_date").asText(""));
        } catch (DateTimeParseException e) {
            errors.add(at + "status_date", "must be an ISO-8601 date-time with offset");
            return;
        }
        JsonNode where = node.path("location");
        read.add(new Checkpoint(time.toInstant(), normalised, reason, substatus == null ? status : substatus,
                node.path("status_details").asText(null), new Location(where.path("city").asText(null),
                        where.path("state").asText(null), where.path("country").asText(null))));
    }
}
