package dev.shipnotify.tracking.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.Location;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.problem.FieldErrors;
import dev.shipnotify.problem.InvalidRequestException;
import dev.shipnotify.tracking.TrackingConfig;
import dev.shipnotify.tracking.shipment.Scan;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Our own format (tracking-service/README.md, "canonical"): one scan or a list of them, already in the taxonomy, signed the Standard
 * Webhooks way. Couriers and aggregators without a format of their own, and merchants' own systems, send this.
 */
@ApplicationScoped
public class CanonicalAdapter implements CourierAdapter {
    static final int MAX_SCANS = 1000;

    private final ObjectMapper json;
    private final Duration tolerance;

    public CanonicalAdapter(ObjectMapper json, TrackingConfig config) {
        this.json = json;
        this.tolerance = config.webhook().tolerance();
    }

    @Override
    public String source() {
        return "canonical";
    }

    @Override
    public byte[] secretKey(String configured) {
        return StandardWebhooks.key(configured);
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        StandardWebhooks.verify(request.header(StandardWebhooks.ID), request.header(StandardWebhooks.TIMESTAMP),
                request.header(StandardWebhooks.SIGNATURE), request.body(), secrets, tolerance, request.receivedAt());
    }

    @Override
    public List<Scan> scans(WebhookRequest request) {
        JsonNode root;
        try {
            root = json.readTree(request.body());
        } catch (IOException e) {
            throw new InvalidRequestException("body", "is not valid JSON");
        }
        if (root == null || !(root.isObject() || root.isArray()) || root.isEmpty() || root.size() > MAX_SCANS) {
            throw new InvalidRequestException("body", "must be a scan object or a list of 1 to " + MAX_SCANS + " of them");
        }
        FieldErrors errors = new FieldErrors();
        List<Scan> scans = new ArrayList<>();
        if (root.isObject()) {
            scans.add(scan(root, "", errors));
        } else {
            for (int i = 0; i < root.size(); i++) {
                scans.add(scan(root.get(i), "[" + i + "].", errors));
            }
        }
        errors.throwIfAny();
        return scans;
    }

    private Scan scan(JsonNode node, String at, FieldErrors errors) {
        if (!node.isObject()) {
            errors.add(at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "must be a scan object");
            return null;
        }
        String carrier = JsonFields.text(node, "carrier", at, 64, true, errors);
        String trackingNumber = JsonFields.text(node, "trackingNumber", at, 64, true, errors);
        ShipmentStatus status = JsonFields.constant(node, "status", at, ShipmentStatus.class, true, errors);
        ExceptionReason reason = JsonFields.constant(node, "reason", at, ExceptionReason.class, false, errors);
        String courierCode = JsonFields.text(node, "courierCode", at, 64, false, errors);
        String message = JsonFields.text(node, "message", at, 500, false, errors);
        OffsetDateTime time = null;
        String timeText = JsonFields.text(node, "time", at, 64, true, errors);
        if (timeText != null) {
            try {
                time = OffsetDateTime.parse(timeText);
            } catch (DateTimeParseException e) {
                errors.add(at + "time", "must be an ISO-8601 date-time with offset, e.g. 2025-03-17T08:42:00+05:30");
            }
        }
        Location location = null;
        JsonNode where = node.get("location");
        if (where != null && !where.isNull()) {
            if (!where.isObject()) {
                errors.add(at + "location", "must be an object with city, region and country");
            } else {
                location = new Location(JsonFields.text(where, "city", at + "location.", 100, false, errors),
                        JsonFields.text(where, "region", at + "location.", 100, false, errors),
                        JsonFields.text(where, "country", at + "location.", 100, false, errors));
            }
        }
        if (carrier == null || trackingNumber == null || status == null || time == null) {
            return null;
        }
        return new Scan(source(), carrier, trackingNumber, new Checkpoint(time.toInstant(), status,
                status == ShipmentStatus.EXCEPTION ? reason : null, courierCode, message, location));
    }
}
