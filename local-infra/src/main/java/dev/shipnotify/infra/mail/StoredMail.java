package dev.shipnotify.infra.mail;

import java.time.Instant;

/**
 * One received message: the raw RFC 5322 bytes exactly as they arrived after DATA (dot-unstuffed,
 * CRLF line ends), the envelope, and its parsed view. The parse happens when the view is first asked for, not on
 * arrival: accepting a message is then as fast as keeping its bytes (parsing took most of an SMTP session's time,
 * and capped the emails a service could hand over), and a mailbox restored from its directory starts without
 * parsing every message it holds.
 */
final class StoredMail {
    private final String id;
    private final Instant created;
    private final Envelope envelope;
    private final byte[] raw;
    private volatile ParsedMail parsed;

    StoredMail(String id, Instant created, Envelope envelope, byte[] raw) {
        this.id = id;
        this.created = created;
        this.envelope = envelope;
        this.raw = raw;
    }

    String id() {
        return id;
    }

    Instant created() {
        return created;
    }

    Envelope envelope() {
        return envelope;
    }

    byte[] raw() {
        return raw;
    }

    /** The parsed view, computed once (two readers racing parse the same bytes to the same view). */
    ParsedMail parsed() {
        ParsedMail view = parsed;
        if (view == null) {
            view = MailParser.parse(raw, envelope);
            parsed = view;
        }
        return view;
    }
}
