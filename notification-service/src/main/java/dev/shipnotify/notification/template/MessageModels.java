package dev.shipnotify.notification.template;

import dev.shipnotify.notification.delivery.ReviewAsk;
import dev.shipnotify.notification.delivery.ShipmentNews;
import dev.shipnotify.notification.order.MerchantBranding;
import dev.shipnotify.notification.order.OrderLine;
import dev.shipnotify.notification.order.OrderProjection;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Builds the {@link MessageModel} of an order for one language. */
public final class MessageModels {

    static final String DEFAULT_BRAND_COLOR = "#1f2937";
    private static final Pattern HEX_COLOR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final int ORDER_NUMBER_LENGTH = 8;

    private MessageModels() {
    }

    public static MessageModel of(OrderProjection order, Locale locale) {
        return of(order, null, null, locale);
    }

    /** The model of a milestone: the order, and what a shipment event or a review request said (or nulls). */
    public static MessageModel of(OrderProjection order, ShipmentNews news, ReviewAsk review, Locale locale) {
        MerchantBranding branding = order.merchant;
        var merchant = new MessageModel.Merchant(branding.name(), brandColor(branding.brandColor()),
                httpsUrl(branding.logoUrl()), blankToNull(branding.supportEmail()), blankToNull(branding.supportPhone()));
        var shopper = new MessageModel.Shopper(order.shopperName, firstName(order.shopperName));
        List<MessageModel.Line> lines = order.items.stream().map(line -> line(line, locale)).toList();
        int itemCount = order.items.stream().mapToInt(OrderLine::quantity).sum();
        var summary = new MessageModel.Order(order.orderId, orderNumber(order.orderId),
                placedAt(order, locale), lines, itemCount, money(order.totalAmount, order.totalCurrency, locale));
        return new MessageModel(merchant, shopper, summary, news == null ? null : shipment(news, order.timeZone(), locale),
                review == null ? null : review(review, order.timeZone(), locale));
    }

    private static MessageModel.Review review(ReviewAsk ask, ZoneId zone, Locale locale) {
        String expiresOn = null;
        try {
            expiresOn = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(zone)
                    .format(Instant.parse(ask.expiresAt()));
        } catch (DateTimeException | NullPointerException e) {
            // left out rather than shown wrong
        }
        return new MessageModel.Review(ask.items().stream().map(item -> new MessageModel.ReviewItem(item.name(),
                httpsUrl(item.imageUrl()), item.stars().stream().filter(star -> webUrl(star.url()) != null)
                        .map(star -> new MessageModel.Star(star.stars(), "★".repeat(Math.max(1, Math.min(5,
                                star.stars()))), star.url()))
                        .toList())).toList(), expiresOn, blankToNull(ask.discountCode()));
    }

    private static MessageModel.Shipment shipment(ShipmentNews news, ZoneId zone, Locale locale) {
        String time = null;
        try {
            time = news.time() == null ? null : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                    .withLocale(locale).withZone(zone).format(Instant.parse(news.time()));
        } catch (DateTimeException e) {
            // left out rather than shown wrong
        }
        String promised = null;
        try {
            promised = news.promisedDate() == null ? null : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                    .withLocale(locale).format(LocalDate.parse(news.promisedDate()));
        } catch (DateTimeException e) {
            // left out rather than shown wrong
        }
        return new MessageModel.Shipment(news.carrier(), news.trackingNumber(), webUrl(news.trackingUrl()),
                news.reason(), blankToNull(news.courierMessage()), blankToNull(news.city()), time, promised);
    }

    /** An http or https URL without quotes, or null: tracking pages run on http in local runs. */
    static String webUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) && !url.contains("\"")
                ? url : null;
    }

    /** The short order number shoppers see: the last eight letters or digits of the id, upper case. */
    public static String orderNumber(String orderId) {
        String alnum = orderId.replaceAll("[^A-Za-z0-9]", "");
        String tail = alnum.length() > ORDER_NUMBER_LENGTH ? alnum.substring(alnum.length() - ORDER_NUMBER_LENGTH) : alnum;
        return tail.toUpperCase(Locale.ROOT);
    }

    static String brandColor(String color) {
        return color != null && HEX_COLOR.matcher(color.trim()).matches() ? color.trim() : DEFAULT_BRAND_COLOR;
    }

    static String httpsUrl(String url) {
        return url != null && url.startsWith("https://") && !url.contains("\"") ? url : null;
    }

    static String money(BigDecimal amount, String currency, Locale locale) {
        if (amount == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        try {
            Currency iso = Currency.getInstance(currency);
            format.setCurrency(iso);
            format.setMinimumFractionDigits(iso.getDefaultFractionDigits());
            format.setMaximumFractionDigits(iso.getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            return amount.toPlainString() + (currency == null ? "" : " " + currency);
        }
        return format.format(amount);
    }

    private static MessageModel.Line line(OrderLine line, Locale locale) {
        return new MessageModel.Line(line.name(), line.quantity(), money(line.unitPrice(), line.currency(), locale),
                money(line.lineTotal(), line.currency(), locale), httpsUrl(line.imageUrl()));
    }

    private static String placedAt(OrderProjection order, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(order.timeZone()).format(order.placedAt);
    }


    private static String firstName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.trim().split("\\s+")[0];
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
