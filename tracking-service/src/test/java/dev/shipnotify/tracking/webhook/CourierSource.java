package dev.shipnotify.tracking.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One courier source as its sender behaves: a real-shaped payload reporting a parcel out for delivery, and the
 * headers it signs it with, computed here from the provider's documented scheme, independently of the adapters.
 */
enum CourierSource {
    AFTERSHIP("aftership", "test-aftership-secret") {
        @Override
        String outForDelivery(String carrier, String number) {
            return """
                    {"ts": %d, "event": "tracking_update", "event_id": "3f645f5e-530b-4062-8695-db6a64420af8",
                     "is_tracking_first_tag": true,
                     "msg": {"id": "grhrexm6t3hiwkjwq37jd003", "tracking_number": "%s", "slug": "%s",
                       "tag": "OutForDelivery", "subtag": "OutForDelivery_001", "subtag_message": "Out for Delivery",
                       "return_to_sender": false, "created_at": "2025-03-15T08:52:54Z",
                       "checkpoints": [
                         {"slug": "%s", "created_at": "2025-03-15T09:10:00Z", "checkpoint_time": "2025-03-15T14:28:00+05:30",
                          "city": "Bhiwandi", "state": "MH", "zip": "421302", "country_iso3": "IND",
                          "location": "Bhiwandi, MH 421302", "message": "Departed from facility",
                          "tag": "InTransit", "subtag": "InTransit_007", "subtag_message": "Departure Scan", "raw_tag": ""},
                         {"slug": "%s", "created_at": "2025-03-17T03:12:00Z", "checkpoint_time": "2025-03-17T08:42:00",
                          "city": "Bengaluru", "state": "KA", "zip": "560034", "country_region": "IND",
                          "location": "Bengaluru, KA 560034", "message": "Out for delivery",
                          "tag": "OutForDelivery", "subtag": "OutForDelivery_001", "subtag_message": "Out for Delivery"}
                       ]}}""".formatted(Instant.now().getEpochSecond(), number, carrier, carrier, carrier);
        }

        @Override
        Map<String, String> sign(byte[] body, String secret) {
            return Map.of("aftership-hmac-sha256", Base64.getEncoder().encodeToString(hmac(secret.getBytes(
                    StandardCharsets.UTF_8), body)));
        }
    },
    EASYPOST("easypost", "sécret") {
        @Override
        String outForDelivery(String carrier, String number) {
            return """
                    {"description": "tracker.updated", "mode": "production", "previous_attributes": {"status": "in_transit"},
                     "created_at": "2025-03-17T03:15:52.000Z", "id": "evt_1", "user_id": "user_1", "status": "pending",
                     "object": "Event",
                     "result": {"id": "trk_1", "object": "Tracker", "mode": "production", "tracking_code": "%s",
                       "status": "out_for_delivery", "status_detail": "out_for_delivery", "carrier": "%s",
                       "created_at": "2025-03-14T14:45:27Z", "updated_at": "2025-03-17T03:15:51Z",
                       "tracking_details": [
                         {"object": "TrackingDetail", "message": "Shipment information sent to carrier",
                          "status": "pre_transit", "status_detail": "label_created", "datetime": "2025-03-14T15:00:00Z",
                          "source": "%s", "carrier_code": "OC",
                          "tracking_location": {"object": "TrackingLocation", "city": null, "state": null, "country": "IN", "zip": "421302"}},
                         {"object": "TrackingDetail", "message": "Picked up", "status": "in_transit",
                          "status_detail": "arrived_at_facility", "datetime": "2025-03-15T08:58:00Z", "source": "%s",
                          "carrier_code": "PU",
                          "tracking_location": {"object": "TrackingLocation", "city": "Bhiwandi", "state": "MH", "country": "IN", "zip": "421302"}},
                         {"object": "TrackingDetail", "message": "Status update", "status": "unknown",
                          "status_detail": "status_update", "datetime": "2025-03-16T10:00:00Z", "source": "%s",
                          "carrier_code": null, "tracking_location": {"object": "TrackingLocation"}},
                         {"object": "TrackingDetail", "message": "On FedEx vehicle for delivery", "status": "out_for_delivery",
                          "status_detail": "out_for_delivery", "datetime": "2025-03-17T08:42:00+05:30", "source": "%s",
                          "carrier_code": "OD",
                          "tracking_location": {"object": "TrackingLocation", "city": "Bengaluru", "state": "KA", "country": "IN", "zip": "560034"}}
                       ], "is_return": false}}""".formatted(number, carrier, carrier, carrier, carrier, carrier);
        }

        @Override
        Map<String, String> sign(byte[] body, String secret) {
            // EasyPost's key is the secret in NFKD: "sécret" becomes s, e, U+0301, c, r, e, t in UTF-8.
            byte[] key = secret.equals("sécret") ? HexFormat.of().parseHex("7365cc8163726574")
                    : secret.getBytes(StandardCharsets.UTF_8);
            return Map.of("X-Hmac-Signature", "hmac-sha256-hex=" + HexFormat.of().formatHex(hmac(key, body)));
        }
    },
    SHIPPO("shippo", "test-shippo-secret") {
        @Override
        String outForDelivery(String carrier, String number) {
            return """
                    {"event": "track_updated", "test": false,
                     "data": {"carrier": "%s", "tracking_number": "%s", "eta": "2025-03-17T00:00:00Z", "messages": [],
                       "address_to": {"city": "Bengaluru", "state": "KA", "zip": "560034", "country": "IN"},
                       "tracking_status": {"object_id": "ce48ff3d52a34e91b77aa98370182624", "status": "TRANSIT",
                         "substatus": {"code": "out_for_delivery", "text": "Out for delivery", "action_required": false},
                         "status_details": "Your package is out for delivery.", "status_date": "2025-03-17T03:12:00Z",
                         "location": {"city": "Bengaluru", "state": "KA", "zip": "560034", "country": "IN"}},
                       "tracking_history": [
                         {"object_id": "265c7a7c23354da5b87b2bf52656c625", "status": "PRE_TRANSIT",
                          "substatus": {"code": "information_received", "text": "Label created", "action_required": false},
                          "status_details": "Shipping label created.", "status_date": "2025-03-14T15:00:00Z",
                          "location": null},
                         {"object_id": "a9d8b7c6e5f4", "status": "TRANSIT",
                          "substatus": {"code": "package_departed", "text": "Departed", "action_required": false},
                          "status_details": "Departed from facility.", "status_date": "2025-03-15T08:58:00Z",
                          "location": {"city": "Bhiwandi", "state": "MH", "zip": "421302", "country": "IN"}},
                         {"object_id": "ce48ff3d52a34e91b77aa98370182624", "status": "TRANSIT",
                          "substatus": {"code": "out_for_delivery", "text": "Out for delivery", "action_required": false},
                          "status_details": "Your package is out for delivery.", "status_date": "2025-03-17T03:12:00Z",
                          "location": {"city": "Bengaluru", "state": "KA", "zip": "560034", "country": "IN"}}
                       ]}}""".formatted(carrier, number);
        }

        @Override
        Map<String, String> sign(byte[] body, String secret) {
            long t = Instant.now().getEpochSecond();
            byte[] signed = (t + ".").getBytes(StandardCharsets.UTF_8);
            byte[] message = new byte[signed.length + body.length];
            System.arraycopy(signed, 0, message, 0, signed.length);
            System.arraycopy(body, 0, message, signed.length, body.length);
            return Map.of("Shippo-Auth-Signature", "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(
                    secret.getBytes(StandardCharsets.UTF_8), message)));
        }
    },
    SHIPROCKET("shiprocket", "test-shiprocket-token") {
        @Override
        String outForDelivery(String carrier, String number) {
            return """
                    {"awb": "%s", "courier_name": "%s Surface", "current_status": "OUT FOR DELIVERY",
                     "current_status_id": 19, "shipment_status": "OUT FOR DELIVERY", "shipment_status_id": 17,
                     "current_timestamp": "17 03 2025 08:42:06", "order_id": "1373900_150876814", "sr_order_id": 348456385,
                     "awb_assigned_date": "2025-03-14 11:59:16", "pickup_scheduled_date": "2025-03-14 11:59:17",
                     "etd": "2025-03-17 15:40:19",
                     "scans": [
                       {"date": "2025-03-14 11:59:16", "status": "X-UCI", "activity": "Manifested - Manifest uploaded",
                        "location": "Bhiwandi_Mankoli_HB (Maharashtra)", "sr-status": "5", "sr-status-label": "MANIFEST GENERATED"},
                       {"date": "2025-03-15 14:28:17", "status": "X-PPOM", "activity": "In Transit - Shipment picked up",
                        "location": "Bhiwandi_Mankoli_HB (Maharashtra)", "sr-status": "42", "sr-status-label": "PICKED UP"},
                       {"date": "2025-03-16 09:12:00", "status": "X-DLL2F", "activity": "Shipment received at facility",
                        "location": "Bangalore_Nelmngla_H (Karnataka)", "sr-status": "NA", "sr-status-label": "NA"},
                       {"date": "2025-03-17 08:42:00", "status": "X-DDD3FD", "activity": "Out for delivery",
                        "location": "Bengaluru_Koramangala_D (Karnataka)", "sr-status": "17", "sr-status-label": "OUT FOR DELIVERY"}
                     ],
                     "is_return": 0, "channel_id": 3422553, "pod_status": "OTP Based Delivery", "pod": "Not Available"}"""
                    .formatted(number, carrier);
        }

        @Override
        Map<String, String> sign(byte[] body, String secret) {
            return Map.of("x-api-key", secret);
        }

        @Override
        boolean signsTheBody() {
            return false;
        }
    };

    final String source;
    final String secret;

    CourierSource(String source, String secret) {
        this.source = source;
        this.secret = secret;
    }

    /** The payload: the parcel moved through pickup and transit and is now out for delivery (08:42 IST on 17 March). */
    abstract String outForDelivery(String carrier, String number);

    /** The headers that authenticate {@code body} under {@code secret}. */
    abstract Map<String, String> sign(byte[] body, String secret);

    /** Whether a changed body fails the check (Shiprocket sends a static token, not a signature). */
    boolean signsTheBody() {
        return true;
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
