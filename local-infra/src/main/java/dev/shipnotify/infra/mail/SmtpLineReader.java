package dev.shipnotify.infra.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads SMTP lines from the socket as bytes. Accepts CRLF and, for tolerance, a bare LF. A line longer
 * than the caller's limit is read to its end and reported as truncated instead of growing without bound.
 */
final class SmtpLineReader {
    /** One line without its terminator; {@code truncated} when bytes past the limit were dropped. */
    record Line(byte[] bytes, boolean truncated) {
    }

    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

    SmtpLineReader(InputStream in) {
        this.in = in;
    }

    /** @return the next line, or {@code null} when the client closed the connection */
    Line readLine(int maxLength) throws IOException {
        buffer.reset();
        boolean truncated = false;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = buffer.toByteArray();
                int length = bytes.length;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
                return new Line(length == bytes.length ? bytes : Arrays.copyOf(bytes, length), truncated);
            }
            if (buffer.size() <= maxLength) {
                buffer.write(b);
            } else {
                truncated = true;
            }
        }
        return null;
    }
}
