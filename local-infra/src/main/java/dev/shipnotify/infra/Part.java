package dev.shipnotify.infra;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The servers local-infra can start, in start order (close runs in reverse). */
public enum Part {
    KAFKA, POSTGRES, MONGO, SMTP, WHATSAPP;

    /** Parses a comma list such as {@code kafka,postgres,smtp}; blanks are ignored. */
    public static Set<Part> parse(String commaList) {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : commaList.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                parts.add(valueOf(trimmed.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown part '" + trimmed + "', expected some of " + names());
            }
        }
        return parts;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static String names() {
        return Arrays.stream(values()).map(Part::label).collect(Collectors.joining(","));
    }
}
