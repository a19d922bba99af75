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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shiprocket's tracking push: {@code {awb, courier_name, shipment_status_id, current_timestamp, scans: [{date,
 * status, activity, location, "sr-status", "sr-status-label"}]}}. Shiprocket signs nothing: the merchant sets a
 * security token in its panel, sent as {@code x-api-key}, which is compared in constant time with the configured
 * secrets. Scans map by Shiprocket's shipment status id; scans it left unclassified ({@code "NA"}) are not
 * stored. Its times carry no offset and are Indian Standard Time.
 */
@ApplicationScoped
public class ShiprocketAdapter implements CourierAdapter {
    static final String TOKEN = "x-api-key";
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter SCAN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter CURRENT_TIME = DateTimeFormatter.ofPattern("dd MM yyyy HH:mm:ss");

    /** Shiprocket's shipment status ids, as its API documentation lists them. */
    private static final Map<Integer, ShipmentStatus> STATUSES = new HashMap<>();
    private static final Map<Integer, ExceptionReason> REASONS = Map.of(
            22, ExceptionReason.DELAYED, 12, ExceptionReason.LOST, 76, ExceptionReason.LOST,
            25, ExceptionReason.DAMAGED, 24, ExceptionReason.LOST, 44, ExceptionReason.LOST,
            77, ExceptionReason.ADDRESS_ISSUE);

    static {
        put(ShipmentStatus.INFO_RECEIVED, 1, 2, 3, 4, 5, 11, 13, 15, 19, 20, 27, 52);
        put(ShipmentStatus.IN_TRANSIT, 6, 18, 38, 39, 42, 48, 49, 50, 51, 54, 55, 56, 57);
        put(ShipmentStatus.OUT_FOR_DELIVERY, 17);
        put(ShipmentStatus.FAILED_ATTEMPT, 21);
        put(ShipmentStatus.DELIVERED, 7, 23, 26, 43);
        put(ShipmentStatus.RETURNING, 9, 14, 40, 41, 46, 75, 78);
        put(ShipmentStatus.RETURNED, 10);
        put(ShipmentStatus.EXCEPTION, 8, 12, 16, 22, 24, 25, 44, 45, 76, 77);
    }

    private static void put(ShipmentStatus status, int... ids) {
        for (int id : ids) {
            STATUSES.put(id, status);
        }
    }

    private final ObjectMapper json;

    public ShiprocketAdapter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String source() {
        return "shiprocket";
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String token = request.header(TOKEN);
        if (token == null) {
            throw new SignatureRejectedException("Send the security token set in Shiprocket as " + TOKEN);
        }
        if (!Hmac.matchesAny(Hmac.utf8(token.strip()), secrets, key -> key)) {
            throw new SignatureRejectedException(TOKEN + " is not a current token");
        }
    }

    @Override
    public List<Scan> scans(WebhookRequest request) {
        JsonNode root = WebhookJson.object(json, request.body());
        FieldErrors errors = new FieldErrors();
        String awb = JsonFields.text(root, "awb", "", 64, true, errors);
        String courier = JsonFields.text(root, "courier_name", "", 64, true, errors);
        List<Checkpoint> read = new ArrayList<>();
        JsonNode scans = root.path("scans");
        for (int i = 0; scans.isArray() && i < scans.size(); i++) {
            JsonNode scan = scans.get(i);
            String at = "scans[" + i + "].";
            Integer id = id(scan.path("sr-status"));
            if (id == null || !STATUSES.containsKey(id)) {
                continue;
            }
            try {
                read.add(new Checkpoint(LocalDateTime.parse(scan.path("date").asText(""), SCAN_TIME).atZone(IST)
                        .toInstant(), STATUSES.get(id), reason(id), scan.path("status").asText(null),
                        scan.path("activity").asText(null), new Location(scan.path("location").asText(null), null,
                                "IN")));
            } catch (DateTimeParseException e) {
                errors.add(at + "date", "must be a time such as 2023-05-19 15:32:17");
            }
        }
        Integer current = id(root.path("shipment_status_id"));
        if (read.isEmpty() && current != null && STATUSES.containsKey(current)) {
            try {
                read.add(new Checkpoint(LocalDateTime.parse(root.path("current_timestamp").asText(""), CURRENT_TIME)
                        .atZone(IST).toInstant(), STATUSES.get(current), reason(current), String.valueOf(current),
                        root.path("shipment_status").asText(null), null));
            } catch (DateTimeParseException e) {
                errors.add("current_timestamp", "must be a time such as 23 05 2023 11:43:52");
            }
        }
        errors.throwIfAny();
        return read.stream().map(c -> new Scan(source(), courier, awb, c)).toList();
    }

    private static ExceptionReason reason(int id) {
        return STATUSES.get(id) == ShipmentStatus.EXCEPTION ? REASONS.getOrDefault(id, ExceptionReason.OTHER) : null;
    }

    /** Shiprocket writes status ids as numbers at the top and as strings (or {@code "NA"}) in scans. */
    private static Integer id(JsonNode node) {
        if (node.isInt()) {
            return node.asInt();
        }
        try {
            return node.isTextual() ? Integer.valueOf(node.asText().strip()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
