package dev.shipnotify.infra.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the header block of a raw message the way Mailpit's {@code /headers} endpoint presents it (Go's
 * {@code net/mail}): names canonicalised ({@code Message-ID} becomes {@code Message-Id}), folded lines
 * joined with one space, values left encoded, names sorted.
 */
final class HeaderBlock {
    private HeaderBlock() {
    }

    static Map<String, List<String>> read(byte[] raw) {
        Map<String, List<String>> headers = new TreeMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : headerLines(raw)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (name != null) {
                    value.append(' ').append(line.strip());
                }
                continue;
            }
            if (name != null) {
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().strip());
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                name = null;
                continue;
            }
            name = canonical(line.substring(0, colon).strip());
            value.setLength(0);
            value.append(line.substring(colon + 1));
        }
        if (name != null) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value.toString().strip());
        }
        return headers;
    }

    /** Go's textproto rule: first letter and each letter after a hyphen upper case, the rest lower case. */
    static String canonical(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = c > ' ' && c < 127 && c != ':';
            if (!token) {
                return name;
            }
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    private static List<String> headerLines(byte[] raw) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                int end = i > start && raw[i - 1] == '\r' ? i - 1 : i;
                if (end == start) {
                    return lines;
                }
                lines.add(new String(raw, start, end - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            lines.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        return lines;
    }
}
