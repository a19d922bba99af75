package dev.shipnotify.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the webhook benchmark sends is JSON about the right parcel, and each scan of it is a new one. */
class CourierSendersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ORIGIN = 1_742_000_000L;

    @ParameterizedTest
    @EnumSource(CourierSenders.class)
    void sendsJsonNamingTheParcel(CourierSenders sender) {
        for (long k : new long[] {0, 4, 5, 13}) {
            String body = sender.body("BENCH00000042", k, ORIGIN);

            assertThatCode(() -> JSON.readTree(body)).as("%s k=%d: %s", sender, k, body).doesNotThrowAnyException();
            assertThat(body).contains("BENCH00000042");
        }
    }

    @ParameterizedTest
    @EnumSource(CourierSenders.class)
    void reportsANewCheckpointTime_inEachNextScan(CourierSenders sender) {
        String scan = sender.body("BENCH00000042", 7, ORIGIN);
        String next = sender.body("BENCH00000042", 8, ORIGIN);

        assertThat(next).contains(sender.time(8, ORIGIN));
        assertThat(scan).doesNotContain(sender.time(8, ORIGIN)).contains(sender.time(7, ORIGIN));
    }

    @Test
    void changesTheStatusInThreeScansOfEight_afterTheFirst() {
        assertThat(LongStream.range(1, 17).filter(CourierSenders::changesStatus).toArray())
                .containsExactly(4, 5, 6, 12, 13, 14);
        assertThat(CourierSenders.changesStatus(0)).isTrue();
    }
}
