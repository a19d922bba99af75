package dev.shipnotify.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The five webhook sources of tracking-service as each sends: a payload shaped like the provider's (the fields its
 * adapter reads and a few it ignores) reporting checkpoint {@code k} of a parcel, and, for every source but our
 * canonical format, checkpoint {@code k-1} too, as couriers resend history; signed the provider's way. Checkpoint
 * {@code k} is at {@code origin + k × 10 s} in one of four cities; its status follows {@link #phase}. Built from
 * format strings and one HMAC, no JSON mapper: the load generator shares the CPU with the service it measures.
 */
enum CourierSenders {
    CANONICAL("canonical", "Blue Dart", "Blue Dart", "whsec_" + Base64.getEncoder().encodeToString(
            "bench-canonical-webhook-secret".getBytes(StandardCharsets.UTF_8)), Time.OFFSET) {
        private static final String[][] CODES = {{"IN_TRANSIT", "IT", "Shipment in transit"},
                {"OUT_FOR_DELIVERY", "OFD", "Out for delivery"},
                {"FAILED_ATTEMPT", "UD", "Delivery attempted, consignee not available"}};

        @Override
        String body(String number, long k, long origin) {
            String[] code = CODES[phase(k)];
            String[] place = place(k);
            return """
                    {"carrier": "%s", "trackingNumber": "%s", "status": "%s", "time": "%s", "courierCode": "%s",
                     "message": "%s", "location": {"city": "%s", "region": "%s", "country": "IN"}}"""
                    .formatted(carrierAsSent, number, code[0], time(k, origin), code[1], code[2], place[0], place[1]);
        }

        /** Standard Webhooks: a fresh {@code webhook-id} per delivery, signed with the timestamp and the body. */
        @Override
        Map<String, String> headers(byte[] body, long now) {
            String id = "msg_bench_" + DELIVERIES.incrementAndGet();
            return Map.of("Content-Type", "application/json", "webhook-id", id, "webhook-timestamp",
                    Long.toString(now), "webhook-signature", "v1," + Base64.getEncoder().encodeToString(
                            hmac(key, (id + "." + now + ".").getBytes(StandardCharsets.UTF_8), body)));
        }
    },
    AFTERSHIP("aftership", "Ecom Express", "ecom-express", "bench-aftership-secret", Time.OFFSET) {
        private static final String[][] CODES = {{"InTransit", "InTransit_002", "Shipment in transit"},
                {"OutForDelivery", "OutForDelivery_001", "Out for delivery"},
                {"AttemptFail", "AttemptFail_001", "Delivery attempted, customer not available"}};

        @Override
        String body(String number, long k, long origin) {
            String[] code = CODES[phase(k)];
            return """
                    {"ts": %d, "event": "tracking_update", "event_id": "bench-%d", "is_tracking_first_tag": false,
                     "msg": {"id": "bench-%s", "tracking_number": "%s", "slug": "%s", "tag": "%s", "subtag": "%s",
                       "return_to_sender": false, "checkpoints": [%s]}}"""
                    .formatted(Instant.now().getEpochSecond(), DELIVERIES.incrementAndGet(), number, number,
                            carrierAsSent, code[0], code[1], history(k, c -> checkpoint(c, origin)));
        }

        private String checkpoint(long k, long origin) {
            String[] code = CODES[phase(k)];
            String[] place = place(k);
            return """
                    {"slug": "%s", "created_at": "%s", "checkpoint_time": "%s", "city": "%s", "state": "%s",
                     "country_iso3": "IND", "location": "%s, %s", "message": "%s", "tag": "%s", "subtag": "%s"}"""
                    .formatted(carrierAsSent, Time.UTC.format(k, origin), time(k, origin), place[0], place[1],
                            place[0], place[1], code[2], code[0], code[1]);
        }

        @Override
        Map<String, String> headers(byte[] body, long now) {
            return Map.of("Content-Type", "application/json",
                    "aftership-hmac-sha256", Base64.getEncoder().encodeToString(hmac(key, body)));
        }
    },
    /**
     * EasyPost has no failed-attempt status: its adapter maps nothing to FAILED_ATTEMPT, so the nearest,
     * {@code failure}, stands in (an exception for tracking-service, still a status change either side).
     */
    EASYPOST("easypost", "FedEx", "FedEx", "bench-easypost-secret", Time.UTC) {
        private static final String[][] CODES = {
                {"in_transit", "arrived_at_facility", "AR", "Arrived at FedEx location"},
                {"out_for_delivery", "out_for_delivery", "OD", "On FedEx vehicle for delivery"},
                {"failure", "delivery_exception", "DE", "Delivery exception: customer not available"}};

        @Override
        String body(String number, long k, long origin) {
            return """
                    {"description": "tracker.updated", "mode": "production", "object": "Event", "id": "evt_bench%d",
                     "result": {"id": "trk_%s", "object": "Tracker", "mode": "production", "tracking_code": "%s",
                       "status": "%s", "carrier": "%s", "tracking_details": [%s], "is_return": false}}"""
                    .formatted(DELIVERIES.incrementAndGet(), number, number, CODES[phase(k)][0], carrierAsSent,
                            history(k, c -> detail(c, origin)));
        }

        private String detail(long k, long origin) {
            String[] code = CODES[phase(k)];
            String[] place = place(k);
            return """
                    {"object": "TrackingDetail", "message": "%s", "status": "%s", "status_detail": "%s",
                     "datetime": "%s", "source": "%s", "carrier_code": "%s", "tracking_location": {
                       "object": "TrackingLocation", "city": "%s", "state": "%s", "country": "IN"}}"""
                    .formatted(code[3], code[0], code[1], time(k, origin), carrierAsSent, code[2], place[0], place[1]);
        }

        /** EasyPost keys the HMAC with the NFKD-normalised secret: the same bytes for an ASCII secret. */
        @Override
        Map<String, String> headers(byte[] body, long now) {
            return Map.of("Content-Type", "application/json",
                    "X-Hmac-Signature", "hmac-sha256-hex=" + HexFormat.of().formatHex(hmac(key, body)));
        }
    },
    SHIPPO("shippo", "DHL Express", "dhl_express", "bench-shippo-secret", Time.UTC) {
        private static final String[][] CODES = {{"package_departed", "Departed", "Departed from facility."},
                {"out_for_delivery", "Out for delivery", "Your package is out for delivery."},
                {"delivery_attempted", "Delivery attempted", "Delivery attempted; a notice was left."}};

        /** The newest scan is {@code tracking_status} and the last of {@code tracking_history}, as Shippo sends it. */
        @Override
        String body(String number, long k, long origin) {
            return """
                    {"event": "track_updated", "test": false,
                     "data": {"carrier": "%s", "tracking_number": "%s", "tracking_status": %s,
                       "tracking_history": [%s]}}"""
                    .formatted(carrierAsSent, number, status(number, k, origin),
                            history(k, c -> status(number, c, origin)));
        }

        private String status(String number, long k, long origin) {
            String[] code = CODES[phase(k)];
            String[] place = place(k);
            return """
                    {"object_id": "%s-%d", "status": "TRANSIT",
                     "substatus": {"code": "%s", "text": "%s", "action_required": false}, "status_details": "%s",
                     "status_date": "%s", "location": {"city": "%s", "state": "%s", "country": "IN"}}"""
                    .formatted(number, k, code[0], code[1], code[2], time(k, origin), place[0], place[1]);
        }

        @Override
        Map<String, String> headers(byte[] body, long now) {
            return Map.of("Content-Type", "application/json", "Shippo-Auth-Signature", "t=" + now + ",v1="
                    + HexFormat.of().formatHex(hmac(key, (now + ".").getBytes(StandardCharsets.UTF_8), body)));
        }
    },
    SHIPROCKET("shiprocket", "Delhivery", "Delhivery Surface", "bench-shiprocket-token", Time.SHIPROCKET) {
        private static final String[][] CODES = {{"18", "IN TRANSIT", "X-ILL1F", "Shipment in transit"},
                {"17", "OUT FOR DELIVERY", "X-DDD3FD", "Out for delivery"},
                {"21", "UNDELIVERED", "EOD-74", "Consignee unavailable"}};
        private static final DateTimeFormatter CURRENT = DateTimeFormatter.ofPattern("dd MM yyyy HH:mm:ss")
                .withZone(Time.IST);

        @Override
        String body(String number, long k, long origin) {
            String[] code = CODES[phase(k)];
            return """
                    {"awb": "%s", "courier_name": "%s", "current_status": "%s", "shipment_status": "%s",
                     "shipment_status_id": %s, "current_timestamp": "%s", "order_id": "bench_%s", "scans": [%s],
                     "is_return": 0}"""
                    .formatted(number, carrierAsSent, code[1], code[1], code[0],
                            CURRENT.format(Instant.ofEpochSecond(origin + k * STEP_SECONDS)), number,
                            history(k, c -> scan(c, origin)));
        }

        private String scan(long k, long origin) {
            String[] code = CODES[phase(k)];
            String[] place = place(k);
            return """
                    {"date": "%s", "status": "%s", "activity": "%s", "location": "%s (%s)", "sr-status": "%s",
                     "sr-status-label": "%s"}"""
                    .formatted(time(k, origin), code[2], code[3], place[0], place[1], code[0], code[1]);
        }

        /** Shiprocket signs nothing: the token set in its panel comes as {@code x-api-key}. */
        @Override
        Map<String, String> headers(byte[] body, long now) {
            return Map.of("Content-Type", "application/json", "x-api-key", secret);
        }
    };

    /** Courier time between two checkpoints of a parcel. */
    static final long STEP_SECONDS = 10;
    private static final String[][] PLACES = {{"Bhiwandi", "MH"}, {"Nagpur", "MH"}, {"Hyderabad", "TG"},
            {"Bengaluru", "KA"}};
    /** Numbers each delivery's id, where a provider sends one. */
    private static final AtomicLong DELIVERIES = new AtomicLong();

    /** The {@code {source}} of {@code POST /webhooks/{source}}. */
    final String source;
    /** The carrier as the merchant registers it. */
    final String carrier;
    /** The carrier as this source writes it (a slug, a service name): tracking-service matches it tolerantly. */
    final String carrierAsSent;
    /** As configured in {@code TRACKING_WEBHOOK_<SOURCE>_SECRETS}. */
    final String secret;
    final byte[] key;
    private final Time time;

    CourierSenders(String source, String carrier, String carrierAsSent, String secret, Time time) {
        this.source = source;
        this.carrier = carrier;
        this.carrierAsSent = carrierAsSent;
        this.secret = secret;
        this.key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6))
                : secret.getBytes(StandardCharsets.UTF_8);
        this.time = time;
    }

    /** The body reporting checkpoint {@code k} of parcel {@code number} (and {@code k-1}, where the source resends). */
    abstract String body(String number, long k, long origin);

    /** The headers authenticating {@code body}, signed at {@code now} (Unix seconds). */
    abstract Map<String, String> headers(byte[] body, long now);

    /** The webhook request reporting checkpoint {@code k} of the parcel, signed now. */
    LoadGenerator.Request request(String number, long k, long origin) {
        byte[] body = body(number, k, origin).getBytes(StandardCharsets.UTF_8);
        return new LoadGenerator.Request(HttpMethod.POST, "/webhooks/" + source,
                headers(body, Instant.now().getEpochSecond()), Buffer.buffer(body));
    }

    /** The environment variable that gives tracking-service this source's secret. */
    String secretVariable() {
        return "TRACKING_WEBHOOK_" + name() + "_SECRETS";
    }

    /** Checkpoint {@code k}'s time as this source writes it in the checkpoint. */
    String time(long k, long origin) {
        return time.format(k, origin);
    }

    /**
     * Checkpoint {@code k}'s status: 0 in transit, 1 out for delivery (k % 8 = 4), 2 a failed attempt (k % 8 = 5);
     * so 3 scans in 8 move the shipment.
     */
    static int phase(long k) {
        return switch ((int) (k % 8)) {
            case 4 -> 1;
            case 5 -> 2;
            default -> 0;
        };
    }

    /**
     * Whether checkpoint {@code k}, arriving after all before it, changes the shipment's status: the first one does
     * (a registered shipment without scans is pending), then each change of phase.
     */
    static boolean changesStatus(long k) {
        return k == 0 || phase(k) != phase(k - 1);
    }

    private static String[] place(long k) {
        return PLACES[(int) (k % PLACES.length)];
    }

    /** Checkpoints {@code k-1} (if any) and {@code k}, comma-separated. */
    private static String history(long k, LongFunction<String> checkpoint) {
        return k == 0 ? checkpoint.apply(0) : checkpoint.apply(k - 1) + ", " + checkpoint.apply(k);
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** How a source writes a checkpoint's time. */
    private enum Time {
        /** ISO-8601 with the Indian offset, as couriers in India report local time. */
        OFFSET(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX").withZone(ZoneId.of("Asia/Kolkata"))),
        UTC(DateTimeFormatter.ISO_INSTANT),
        /** Shiprocket: Indian Standard Time without an offset. */
        SHIPROCKET(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Kolkata")));

        static final ZoneId IST = ZoneId.of("Asia/Kolkata");

        private final DateTimeFormatter format;

        Time(DateTimeFormatter format) {
            this.format = format;
        }

        String format(long k, long origin) {
            return format.format(Instant.ofEpochSecond(origin + k * STEP_SECONDS));
        }
    }
}
