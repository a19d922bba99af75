package dev.shipnotify.tracking.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipnotify.contracts.Checkpoint;
import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.contracts.ShipmentStatus;
import dev.shipnotify.problem.InvalidRequestException;
import dev.shipnotify.tracking.TrackingConfig;
import dev.shipnotify.tracking.shipment.Scan;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How each source's own words become the taxonomy: the cases that are easy to get wrong. */
class AdapterMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void afterShip_returnsAreExceptionSubtags_andAnOffsetlessTimeFallsBackToWhenAfterShipRecordedIt() {
        List<Scan> scans = new AfterShipAdapter(JSON).scans(request("""
                {"event": "tracking_update", "msg": {"tracking_number": "1Z999", "slug": "bluedart", "checkpoints": [
                  {"tag": "Exception", "subtag": "Exception_010", "checkpoint_time": "2025-03-18T10:00:00+05:30"},
                  {"tag": "Exception", "subtag": "Exception_011", "checkpoint_time": "2025-03-20T10:00:00+05:30"},
                  {"tag": "Exception", "subtag": "Exception_013", "checkpoint_time": "2025-03-21T10:00:00+05:30"},
                  {"tag": "Exception", "subtag": "Exception_999", "checkpoint_time": "2025-03-21T11:00:00+05:30"},
                  {"tag": "AttemptFail", "subtag": "AttemptFail_002", "checkpoint_time": "2025-03-17T19:00:00",
                   "created_at": "2025-03-17T13:31:00Z"},
                  {"tag": "Delivered", "subtag": "Delivered_001", "checkpoint_time": "2025-03-22"}
                ]}}"""));

        assertThat(scans).extracting(s -> s.checkpoint().status()).containsExactly(ShipmentStatus.RETURNING,
                ShipmentStatus.RETURNED, ShipmentStatus.EXCEPTION, ShipmentStatus.EXCEPTION,
                ShipmentStatus.FAILED_ATTEMPT, ShipmentStatus.DELIVERED);
        assertThat(scans.get(2).checkpoint().reason()).isEqualTo(ExceptionReason.LOST);
        assertThat(scans.get(3).checkpoint().reason()).isEqualTo(ExceptionReason.OTHER);
        assertThat(scans.get(4).checkpoint().time()).isEqualTo(Instant.parse("2025-03-17T13:31:00Z"));
        assertThat(scans.get(5).checkpoint().time()).isEqualTo(Instant.parse("2025-03-22T00:00:00Z"));
        assertThat(scans).extracting(Scan::carrier).containsOnly("bluedart");
    }

    @Test
    void afterShip_refusesATagItDoesNotKnow_andIgnoresOtherEvents() {
        assertThatThrownBy(() -> new AfterShipAdapter(JSON).scans(request("""
                {"event": "tracking_update", "msg": {"tracking_number": "1Z999", "slug": "ups", "checkpoints": [
                  {"tag": "Teleported", "checkpoint_time": "2025-03-18T10:00:00Z"}]}}""")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("msg.checkpoints[0].tag");
        assertThat(new AfterShipAdapter(JSON).scans(request("{\"event\": \"edd_revise\", \"msg\": {}}"))).isEmpty();
    }

    @Test
    void easyPost_signsWithTheNfkdSecret() {
        EasyPostAdapter adapter = new EasyPostAdapter(JSON);
        byte[] body = "{\"description\":\"tracker.updated\"}".getBytes(StandardCharsets.UTF_8);
        // "sécret" in NFKD, written out: s e U+0301 c r e t.
        String nfkd = HexFormat.of().formatHex(CourierSource.hmac(HexFormat.of().parseHex("7365cc8163726574"), body));
        String nfc = HexFormat.of().formatHex(CourierSource.hmac("sécret".getBytes(StandardCharsets.UTF_8), body));
        List<byte[]> keys = List.of(adapter.secretKey("sécret"));

        adapter.verify(new WebhookRequest("easypost", Map.of("x-hmac-signature", "hmac-sha256-hex=" + nfkd), body,
                Instant.now()), keys);
        assertThat(nfc).isNotEqualTo(nfkd);
        assertThatThrownBy(() -> adapter.verify(new WebhookRequest("easypost", Map.of("X-Hmac-Signature",
                "hmac-sha256-hex=" + nfc), body, Instant.now()), keys)).isInstanceOf(SignatureRejectedException.class);
    }

    @Test
    void easyPost_delaysAndFailuresAreExceptionsWithTheirReason_unclassifiedDetailsAreLeftOut() {
        List<Checkpoint> checkpoints = new EasyPostAdapter(JSON).scans(request("""
                {"description": "tracker.updated", "result": {"object": "Tracker", "tracking_code": "EZ1",
                 "carrier": "FedEx", "tracking_details": [
                   {"status": "in_transit", "status_detail": "weather_delay", "datetime": "2025-03-16T10:00:00Z"},
                   {"status": "failure", "status_detail": "damaged", "datetime": "2025-03-16T11:00:00Z"},
                   {"status": "return_to_sender", "status_detail": "return", "datetime": "2025-03-16T12:00:00Z"},
                   {"status": "unknown", "status_detail": "status_update", "datetime": "2025-03-16T13:00:00Z"}
                 ]}}""")).stream().map(Scan::checkpoint).toList();

        assertThat(checkpoints).extracting(Checkpoint::status).containsExactly(ShipmentStatus.EXCEPTION,
                ShipmentStatus.EXCEPTION, ShipmentStatus.RETURNING);
        assertThat(checkpoints).extracting(Checkpoint::reason).containsExactly(ExceptionReason.DELAYED,
                ExceptionReason.DAMAGED, null);
    }

    @Test
    void shippo_readsTheSubstatus_andLeavesUnknownOut() {
        List<Checkpoint> checkpoints = new ShippoAdapter(JSON, new TestConfig()).scans(request("""
                {"event": "track_updated", "data": {"carrier": "usps", "tracking_number": "9205", "tracking_history": [
                  {"status": "TRANSIT", "substatus": {"code": "delivery_attempted"}, "status_date": "2025-03-16T10:00:00Z"},
                  {"status": "TRANSIT", "substatus": {"code": "delayed"}, "status_date": "2025-03-16T11:00:00Z"},
                  {"status": "RETURNED", "substatus": {"code": "return_to_sender"}, "status_date": "2025-03-16T12:00:00Z"},
                  {"status": "FAILURE", "substatus": {"code": "package_lost"}, "status_date": "2025-03-16T13:00:00Z"},
                  {"status": "UNKNOWN", "substatus": {"code": "other"}, "status_date": "2025-03-16T14:00:00Z"}
                ]}}""")).stream().map(Scan::checkpoint).toList();

        assertThat(checkpoints).extracting(Checkpoint::status).containsExactly(ShipmentStatus.FAILED_ATTEMPT,
                ShipmentStatus.EXCEPTION, ShipmentStatus.RETURNING, ShipmentStatus.EXCEPTION);
        assertThat(checkpoints).extracting(Checkpoint::reason).containsExactly(null, ExceptionReason.DELAYED, null,
                ExceptionReason.LOST);
    }

    @Test
    void shiprocket_mapsItsStatusIds_inIndianTime_andFallsBackToTheCurrentStatus() {
        List<Checkpoint> checkpoints = new ShiprocketAdapter(JSON).scans(request("""
                {"awb": "1904", "courier_name": "Xpressbees", "scans": [
                  {"date": "2025-03-16 10:00:00", "status": "X1", "sr-status": "21", "activity": "Customer not available"},
                  {"date": "2025-03-17 10:00:00", "status": "X2", "sr-status": "9", "activity": "RTO initiated"},
                  {"date": "2025-03-19 10:00:00", "status": "X3", "sr-status": "10", "activity": "RTO delivered"}
                ]}""")).stream().map(Scan::checkpoint).toList();
        List<Checkpoint> current = new ShiprocketAdapter(JSON).scans(request("""
                {"awb": "1905", "courier_name": "Xpressbees", "shipment_status_id": 22,
                 "shipment_status": "DELAYED", "current_timestamp": "23 05 2023 11:43:52", "scans": []}"""))
                .stream().map(Scan::checkpoint).toList();

        assertThat(checkpoints).extracting(Checkpoint::status).containsExactly(ShipmentStatus.FAILED_ATTEMPT,
                ShipmentStatus.RETURNING, ShipmentStatus.RETURNED);
        assertThat(checkpoints.get(0).time()).isEqualTo(Instant.parse("2025-03-16T04:30:00Z"));
        assertThat(current).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(ShipmentStatus.EXCEPTION);
            assertThat(c.reason()).isEqualTo(ExceptionReason.DELAYED);
            assertThat(c.time()).isEqualTo(Instant.parse("2023-05-23T06:13:52Z"));
        });
    }

    private static WebhookRequest request(String body) {
        return new WebhookRequest("test", Map.of(), body.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    /** Only what ShippoAdapter reads: the replay window. */
    private static final class TestConfig implements TrackingConfig {
        @Override
        public String publicUrl() {
            return "http://127.0.0.1";
        }

        @Override
        public Webhook webhook() {
            return new Webhook() {
                @Override
                public int maxBodyBytes() {
                    return 262144;
                }

                @Override
                public Duration tolerance() {
                    return Duration.ofMinutes(5);
                }

                @Override
                public Map<String, Source> sources() {
                    return Map.of();
                }
            };
        }

        @Override
        public Delay delay() {
            throw new UnsupportedOperationException();
        }
    }
}
