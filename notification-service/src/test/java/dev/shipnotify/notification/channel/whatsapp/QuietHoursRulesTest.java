package dev.shipnotify.notification.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursRulesTest {
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private final QuietHours night = QuietHours.parse("21:00-08:00");

    @Test
    void lateEvening_waitsUntilNextMorning() {
        assertThat(night.endOfWindowAt(Instant.parse("2026-03-10T16:00:00Z"), KOLKATA)) // 21:30 IST
                .contains(Instant.parse("2026-03-11T02:30:00Z")); // 08:00 IST next day
    }

    @Test
    void earlyMorning_waitsUntilEightTheSameDay() {
        assertThat(night.endOfWindowAt(Instant.parse("2026-03-10T00:30:00Z"), KOLKATA)) // 06:00 IST
                .contains(Instant.parse("2026-03-10T02:30:00Z"));
    }

    @Test
    void daytime_andTheWindowsEnd_areNotQuiet() {
        assertThat(night.endOfWindowAt(Instant.parse("2026-03-10T06:30:00Z"), KOLKATA)).isEmpty(); // 12:00 IST
        assertThat(night.endOfWindowAt(Instant.parse("2026-03-10T02:30:00Z"), KOLKATA)).isEmpty(); // 08:00 IST
        assertThat(night.endOfWindowAt(Instant.parse("2026-03-10T15:30:00Z"), KOLKATA)).isPresent(); // 21:00 IST
    }

    @Test
    void aWindowWithinOneDay_andSeconds_work() {
        QuietHours lunch = QuietHours.parse("12:00:30 - 13:00");
        assertThat(lunch.endOfWindowAt(Instant.parse("2026-03-10T12:00:30Z"), ZoneId.of("UTC")))
                .contains(Instant.parse("2026-03-10T13:00:00Z"));
        assertThat(lunch.endOfWindowAt(Instant.parse("2026-03-10T12:00:29Z"), ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void nonsense_isRefusedAtStart() {
        assertThatThrownBy(() -> QuietHours.parse("late")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuietHours.parse("25:00-08:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QuietHours.parse("08:00-08:00")).isInstanceOf(IllegalArgumentException.class);
    }
}
