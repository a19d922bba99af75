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
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EasyPost {@code tracker.updated} events: the tracker is in {@code result}, its checkpoints in
 * {@code result.tracking_details[]}. Signed with {@code X-Hmac-Signature: hmac-sha256-hex=<lower-case hex
 * HMAC-SHA256 of the raw body>}, the key being the NFKD-normalised secret in UTF-8, as EasyPost's client libraries
 * check it. Checkpoints EasyPost could not classify ({@code unknown}, {@code error}) are not stored.
 */
@ApplicationScoped
public class EasyPostAdapter implements CourierAdapter {
    static final String SIGNATURE = "X-Hmac-Signature";
    static final String PREFIX = "hmac-sha256-hex=";
    private static final Set<String> TRACKER_EVENTS = Set.of("tracker.updated", "tracker.created");
    private static final Set<String> UNCLASSIFIED = Set.of("unknown", "error");

    private static final Map<String, ShipmentStatus> STATUSES = Map.of(
            "pre_transit", ShipmentStatus.INFO_RECEIVED,
            "in_transit", ShipmentStatus.IN_TRANSIT,
            "out_for_delivery", ShipmentStatus.OUT_FOR_DELIVERY,
            "available_for_pickup", ShipmentStatus.AVAILABLE_FOR_PICKUP,
            "delivered", ShipmentStatus.DELIVERED,
            "return_to_sender", ShipmentStatus.RETURNING,
            "failure", ShipmentStatus.EXCEPTION,
            "cancelled", ShipmentStatus.EXCEPTION);

    private static final Map<String, ExceptionReason> DETAILS = Map.of(
            "damaged", ExceptionReason.DAMAGED,
            "lost", ExceptionReason.LOST,
            "refused", ExceptionReason.REFUSED,
            "address_correction", ExceptionReason.ADDRESS_ISSUE,
            "delayed", ExceptionReason.DELAYED,
            "weather_delay", ExceptionReason.DELAYED);

    private final ObjectMapper json;

    public EasyPostAdapter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String source() {
        return "easypost";
    }

    @Override
    public byte[] secretKey(String configured) {
        return Hmac.utf8(Normalizer.normalize(configured, Normalizer.Form.NFKD));
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String signature = request.header(SIGNATURE);
        if (signature == null || !signature.strip().startsWith(PREFIX)) {
            throw new SignatureRejectedException("Send the " + SIGNATURE + " header as " + PREFIX + "<hex>");
        }
        byte[] presented = Hmac.utf8(signature.strip().substring(PREFIX.length()).toLowerCase());
        if (!Hmac.matchesAny(presented, secrets,
                key -> Hmac.utf8(HexFormat.of().formatHex(Hmac.sha256(key, request.body()))))) {
            throw new SignatureRejectedException(SIGNATURE + " does not match the body under a current secret");
        }
    }

    @Override
    public List<Scan> scans(WebhookRequest request) {
        JsonNode root = WebhookJson.object(json, request.body());
        JsonNode tracker = root.path("result");
        if (!TRACKER_EVENTS.contains(root.path("description").asText())
                || !"Tracker".equals(tracker.path("object").asText("Tracker"))) {
            return List.of();
        }
        FieldErrors errors = new FieldErrors();
        String trackingNumber = JsonFields.text(tracker, "tracking_code", "result.", 64, true, errors);
        String carrier = JsonFields.text(tracker, "carrier", "result.", 64, true, errors);
        JsonNode details = tracker.path("tracking_details");
        if (!details.isArray()) {
            errors.add("result.tracking_details", "must be a list");
        }
        List<Checkpoint> read = new ArrayList<>();
        for (int i = 0; details.isArray() && i < details.size(); i++) {
            JsonNode detail = details.get(i);
            String at = "result.tracking_details[" + i + "].";
            String status = JsonFields.text(detail, "status", at, 64, true, errors);
            if (status == null || UNCLASSIFIED.contains(status)) {
                continue;
            }
            ShipmentStatus normalised = STATUSES.get(status);
            if (normalised == null) {
                errors.add(at + "status", "must be one of " + STATUSES.keySet() + " or " + UNCLASSIFIED);
                continue;
            }
            String statusDetail = detail.path("status_detail").asText(null);
            ExceptionReason reason = null;
            if (normalised == ShipmentStatus.EXCEPTION) {
                reason = DETAILS.getOrDefault(statusDetail, ExceptionReason.OTHER);
            } else if (normalised == ShipmentStatus.IN_TRANSIT && DETAILS.get(statusDetail) == ExceptionReason.DELAYED) {
                normalised = ShipmentStatus.EXCEPTION;
                reason = ExceptionReason.DELAYED;
            }
            OffsetDateTime time;
            try {
                time = OffsetDateTime.parse(detail.path("datetime").asText(""));
            } catch (DateTimeParseException e) {
                errors.add(at + "datetime", "must be an ISO-8601 date-time with offset");
                continue;
            }
            JsonNode where = detail.path("tracking_location");
            read.add(new Checkpoint(time.toInstant(), normalised, reason,
                    detail.path("carrier_code").asText(statusDetail), detail.path("message").asText(null),
                    new Location(where.path("city").asText(null), where.path("state").asText(null),
                            where.path("country").asText(null))));
        }
        errors.throwIfAny();
        return read.stream().map(c -> new Scan(source(), carrier, trackingNumber, c)).toList();
    }
}
