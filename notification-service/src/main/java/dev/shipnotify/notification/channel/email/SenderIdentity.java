package dev.shipnotify.notification.channel.email;

import dev.shipnotify.notification.NotificationConfig;
import dev.shipnotify.notification.order.MerchantBranding;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who an email is from: the merchant's sender name and address from the order's branding snapshot, or the
 * configured defaults. Also mints the {@code Message-ID}s, under the sender's domain.
 */
@ApplicationScoped
public class SenderIdentity {

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?");

    private final NotificationConfig.Email config;

    public SenderIdentity(NotificationConfig config) {
        this.config = config.email();
    }

    /** The {@code From} header value: {@code "Acme Store" <orders@acme.example>}. */
    public String from(MerchantBranding merchant) {
        return mailbox(senderName(merchant), senderAddress(merchant));
    }

    public String senderAddress(MerchantBranding merchant) {
        String address = merchant == null ? null : merchant.senderEmail();
        return address == null || address.isBlank() || address.indexOf('@') <= 0 ? config.defaultSenderAddress()
                : address.trim();
    }

    /** A new globally unique {@code Message-ID}, {@code <uuid@sender-domain>}. */
    public String newMessageId(MerchantBranding merchant) {
        String domain = domainOf(senderAddress(merchant));
        if (domain == null) {
            domain = domainOf(config.defaultSenderAddress());
        }
        return "<" + UUID.randomUUID() + "@" + (domain == null ? "localhost" : domain) + ">";
    }

    private String senderName(MerchantBranding merchant) {
        if (merchant != null && merchant.senderName() != null && !merchant.senderName().isBlank()) {
            return merchant.senderName();
        }
        if (merchant != null && merchant.name() != null && !merchant.name().isBlank()) {
            return merchant.name();
        }
        return config.defaultSenderName();
    }

    static String mailbox(String name, String address) {
        String clean = name.replaceAll("[\\r\\n\"\\\\<>]", " ").replaceAll("\\s+", " ").trim();
        if (clean.isEmpty()) {
            return address;
        }
        // Non-ASCII names are encoded by the mail client (RFC 2047), which must not see our quotes.
        boolean ascii = clean.chars().allMatch(c -> c < 128);
        String display = ascii ? "\"" + clean + "\"" : clean;
        return display + " <" + address + ">";
    }

    static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        String domain = address.substring(address.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
        return DOMAIN.matcher(domain).matches() ? domain : null;
    }
}
