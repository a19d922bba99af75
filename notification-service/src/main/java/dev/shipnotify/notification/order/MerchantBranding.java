package dev.shipnotify.notification.order;

import dev.shipnotify.contracts.OrderPlaced;

/** The merchant as the shopper saw it at checkout: kept with the order so every message looks like that shop. */
public record MerchantBranding(String name, String senderName, String senderEmail, String supportEmail,
        String supportPhone, String logoUrl, String brandColor, String defaultLocale, String whatsappPhoneNumberId) {

    static MerchantBranding of(OrderPlaced.Merchant merchant) {
        return new MerchantBranding(merchant.name(), merchant.senderName(), merchant.senderEmail(),
                merchant.supportEmail(), merchant.supportPhone(), merchant.logoUrl(), merchant.brandColor(),
                merchant.defaultLocale(), merchant.whatsappPhoneNumberId());
    }
}
