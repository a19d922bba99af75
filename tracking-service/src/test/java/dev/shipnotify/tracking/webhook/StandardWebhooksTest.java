package dev.shipnotify.tracking.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {
    private static final byte[] NEW = StandardWebhooks.key("whsec_dGVzdC1jYW5vbmljYWwtbmV3LXNlY3JldC0wMDAwMDE=");
    private static final byte[] OLD = StandardWebhooks.key("whsec_dGVzdC1jYW5vbmljYWwtb2xkLXNlY3JldC0wMDAwMDE=");
    private static final byte[] OTHER = StandardWebhooks.key("whsec_c29tZWJvZHktZWxzZXMtc2VjcmV0LTAwMDAwMDE=");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2025-03-17T03:12:00Z");
    private static final byte[] BODY = "{\"carrier\": \"Delhivery\", \"message\": \"Bengalūru hub ✓\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String ID = "msg_2LJr3vNoDgdbGq7vRPm9jY4kR1T";

    @Test
    void acceptsASignatureUnderTheNewOrTheOldSecret_duringRotation() {
        long ts = NOW.getEpochSecond();

        assertThatCode(() -> verify(ID, ts, StandardWebhooks.sign(NEW, ID, ts, BODY), BODY)).doesNotThrowAnyException();
        assertThatCode(() -> verify(ID, ts, StandardWebhooks.sign(OLD, ID, ts, BODY), BODY)).doesNotThrowAnyException();
    }

    @Test
    void acceptsAHeaderWithSeveralSignatures_whenOneMatches() {
        long ts = NOW.getEpochSecond();
        String header = StandardWebhooks.sign(OTHER, ID, ts, BODY) + " v1,bm9wZQ== " + StandardWebhooks.sign(NEW, ID,
                ts, BODY);

        assertThatCode(() -> verify(ID, ts, header, BODY)).doesNotThrowAnyException();
    }

    @Test
    void refusesAnotherSecret_aFlippedByte_anotherIdOrTimestamp() {
        long ts = NOW.getEpochSecond();
        String signature = StandardWebhooks.sign(NEW, ID, ts, BODY);
        byte[] flipped = BODY.clone();
        flipped[5] ^= 1;

        assertRefused(() -> verify(ID, ts, StandardWebhooks.sign(OTHER, ID, ts, BODY), BODY));
        assertRefused(() -> verify(ID, ts, signature, flipped));
        assertRefused(() -> verify("msg_other", ts, signature, BODY));
        assertRefused(() -> verify(ID, ts + 1, signature, BODY));
        assertRefused(() -> verify(ID, ts, "v1,not base64!", BODY));
        assertRefused(() -> verify(ID, ts, signature.replace("v1,", "v2,"), BODY));
    }

    @Test
    void refusesMissingHeaders() {
        long ts = NOW.getEpochSecond();
        String signature = StandardWebhooks.sign(NEW, ID, ts, BODY);

        assertRefused(() -> StandardWebhooks.verify(null, Long.toString(ts), signature, BODY, List.of(NEW), TOLERANCE,
                NOW));
        assertRefused(() -> StandardWebhooks.verify(ID, null, signature, BODY, List.of(NEW), TOLERANCE, NOW));
        assertRefused(() -> StandardWebhooks.verify(ID, Long.toString(ts), null, BODY, List.of(NEW), TOLERANCE, NOW));
        assertRefused(() -> StandardWebhooks.verify(ID, "yesterday", signature, BODY, List.of(NEW), TOLERANCE, NOW));
    }

    @Test
    void refusesATimestampOutsideTheReplayWindow_eitherSide() {
        long stale = NOW.minus(TOLERANCE).getEpochSecond() - 1;
        long future = NOW.plus(TOLERANCE).getEpochSecond() + 1;
        long edge = NOW.minus(TOLERANCE).getEpochSecond();

        assertRefused(() -> verify(ID, stale, StandardWebhooks.sign(NEW, ID, stale, BODY), BODY));
        assertRefused(() -> verify(ID, future, StandardWebhooks.sign(NEW, ID, future, BODY), BODY));
        assertThatCode(() -> verify(ID, edge, StandardWebhooks.sign(NEW, ID, edge, BODY), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesEverything_whenNoSecretIsConfigured() {
        long ts = NOW.getEpochSecond();

        assertRefused(() -> StandardWebhooks.verify(ID, Long.toString(ts), StandardWebhooks.sign(NEW, ID, ts, BODY),
                BODY, List.of(), TOLERANCE, NOW));
    }

    private static void verify(String id, long ts, String signature, byte[] body) {
        StandardWebhooks.verify(id, Long.toString(ts), signature, body, List.of(NEW, OLD), TOLERANCE, NOW);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(SignatureRejectedException.class);
    }
}
