package dev.shipnotify.infra.mail;

import java.time.Instant;

/**
 * One received message: the raw RFC 5322 bytes exactly as they arrived after DATA (dot-unstuffed,
 * CRLF line ends), the envelope, and its parsed view, computed once on arrival.
 */
record StoredMail(String id, Instant created, Envelope envelope, byte[] raw, ParsedMail parsed) {
}
