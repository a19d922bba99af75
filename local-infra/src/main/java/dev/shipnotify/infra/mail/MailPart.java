package dev.shipnotify.infra.mail;

/**
 * An attachment or inline part. {@code partId} numbers parts the way Mailpit does ("1", "2", "1.2"),
 * so links such as {@code /api/v1/message/{ID}/part/{PartID}} mean the same thing on both servers.
 */
record MailPart(String partId, String fileName, String contentType, String contentId, byte[] content) {
}
