package dev.shipnotify.notification.channel.whatsapp;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A daily window of local time, such as {@code 21:00-08:00}, in which messages wait. The window may wrap past
 * midnight; its start is inside it, its end is not. Times are {@code HH:mm} or {@code HH:mm:ss}.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours must not start and end at the same time: " + start);
        }
    }

    /** Parses {@code 21:00-08:00}. */
    public static QuietHours parse(String text) {
        String[] parts = text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("quiet hours must look like 21:00-08:00: " + text);
        }
        try {
            return new QuietHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("quiet hours must look like 21:00-08:00: " + text, e);
        }
    }

    /** When the window that {@code now} falls in ends, in {@code zone}; empty when {@code now} is outside it. */
    public Optional<Instant> endOfWindowAt(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean wraps = start.isAfter(end);
        boolean inside = wraps ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
        if (!inside) {
            return Optional.empty();
        }
        LocalDate day = local.toLocalDate();
        if (wraps && !time.isBefore(start)) {
            day = day.plusDays(1);
        }
        return Optional.of(ZonedDateTime.of(day, end, zone).toInstant());
    }
}
