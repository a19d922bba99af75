package dev.shipnotify.infra.mail;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The argument of MAIL FROM / RCPT TO: the path and the ESMTP parameters after it. Tolerates a space
 * after the colon and a path without angle brackets, both common in hand-written clients.
 */
record SmtpPath(String address, List<String> params) {

    /** @return the parsed path, or {@code null} when the syntax is wrong */
    static SmtpPath parse(String arg, String keyword) {
        if (!arg.toUpperCase(Locale.ROOT).startsWith(keyword)) {
            return null;
        }
        String rest = arg.substring(keyword.length()).strip();
        String address;
        String tail;
        if (rest.startsWith("<")) {
            int close = rest.indexOf('>');
            if (close < 0) {
                return null;
            }
            address = rest.substring(1, close).strip();
            tail = rest.substring(close + 1).strip();
        } else {
            int space = rest.indexOf(' ');
            address = space < 0 ? rest : rest.substring(0, space);
            tail = space < 0 ? "" : rest.substring(space + 1).strip();
        }
        // A source route (<@relay1,@relay2:user@example.com>) is obsolete: keep only the mailbox.
        if (address.startsWith("@") && address.contains(":")) {
            address = address.substring(address.indexOf(':') + 1);
        }
        if (address.contains(" ") || address.contains("<")) {
            return null;
        }
        List<String> params = tail.isEmpty() ? List.of() : Arrays.asList(tail.split("\\s+"));
        return new SmtpPath(address, params);
    }
}
