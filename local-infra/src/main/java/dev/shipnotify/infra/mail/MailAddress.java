package dev.shipnotify.infra.mail;

/** A display name (decoded, possibly empty) and an address, as Mailpit's {@code {"Name","Address"}}. */
record MailAddress(String name, String address) {
    MailAddress {
        name = name == null ? "" : name;
        address = address == null ? "" : address;
    }
}
