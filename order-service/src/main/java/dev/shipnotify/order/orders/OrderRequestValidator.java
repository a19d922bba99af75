package dev.shipnotify.order.orders;

import dev.shipnotify.order.OrderConfig;
import dev.shipnotify.problem.FieldErrors;
import dev.shipnotify.order.problem.Formats;
import dev.shipnotify.problem.RequestValidator;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Checks a new order beyond what the annotations say (formats, money, one currency, limits) and returns it in
 * canonical form: language tags canonical, amounts at the currency's scale. Every problem is reported at once.
 */
@ApplicationScoped
public class OrderRequestValidator {
    /** Largest amount we accept: 15 digits before the point, as the numeric(19,4) columns hold. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999999");

    private final RequestValidator validator;
    private final OrderConfig.Limits limits;

    public OrderRequestValidator(RequestValidator validator, OrderConfig config) {
        this.validator = validator;
        this.limits = config.limits();
    }

    /** The request in canonical form, or {@link dev.shipnotify.problem.InvalidRequestException}. */
    public PlaceOrderRequest validate(PlaceOrderRequest request) {
        FieldErrors errors = validator.check(request, "customer, items and shippingAddress");
        if (request == null) {
            errors.throwIfAny();
        }
        CustomerDetails customer = checkCustomer(request.customer(), errors);
        List<ItemDetails> items = checkItems(request.items(), errors);
        AddressDetails address = request.shippingAddress();
        if (address != null && address.country() != null && !errors.has("shippingAddress.country")
                && !Formats.isCountry(address.country())) {
            errors.add("shippingAddress.country", "must be an ISO 3166-1 alpha-2 country code such as IN");
        }
        errors.throwIfAny();
        return new PlaceOrderRequest(customer, items, address);
    }

    private CustomerDetails checkCustomer(CustomerDetails c, FieldErrors errors) {
        if (c == null) {
            return null;
        }
        if (c.email() != null && !c.email().isBlank() && !errors.has("customer.email") && !Formats.isEmail(c.email())) {
            errors.add("customer.email", Formats.EMAIL_MESSAGE);
        }
        if (c.phone() == null && c.consent() != null && Boolean.TRUE.equals(c.consent().whatsapp())) {
            errors.add("customer.phone", "is required when consent.whatsapp is true");
        }
        Optional<String> locale = Formats.languageTag(c.locale());
        if (c.locale() != null && !c.locale().isBlank() && !errors.has("customer.locale") && locale.isEmpty()) {
            errors.add("customer.locale", "must be a BCP 47 language tag such as hi-IN");
        }
        if (c.timeZone() != null && !c.timeZone().isBlank() && !errors.has("customer.timeZone")
                && !Formats.isIanaTimeZone(c.timeZone())) {
            errors.add("customer.timeZone", "must be an IANA time zone id such as Asia/Kolkata");
        }
        return new CustomerDetails(c.name(), c.email(), c.phone(), locale.orElse(c.locale()), c.timeZone(),
                c.consent());
    }

    private List<ItemDetails> checkItems(List<ItemDetails> items, FieldErrors errors) {
        if (items == null) {
            return null;
        }
        if (items.size() > limits.maxItems()) {
            errors.add("items", "must have at most " + limits.maxItems() + " items");
            return items;
        }
        String orderCurrency = null;
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            ItemDetails item = items.get(i);
            if (item == null) {
                continue;
            }
            String at = "items[" + i + "]";
            if (item.quantity() != null && item.quantity() > limits.maxQuantity()) {
                errors.add(at + ".quantity", "must be at most " + limits.maxQuantity());
            }
            if (item.imageUrl() != null && !errors.has(at + ".imageUrl") && !Formats.isHttpUrl(item.imageUrl())) {
                errors.add(at + ".imageUrl", "must be an absolute http(s) URL");
            }
            Price price = item.unitPrice();
            if (price == null || price.currency() == null || errors.has(at + ".unitPrice.currency")) {
                continue;
            }
            Optional<Currency> currency = currency(price.currency());
            if (currency.isEmpty()) {
                errors.add(at + ".unitPrice.currency", "must be an ISO 4217 currency code such as INR");
                continue;
            }
            if (orderCurrency == null) {
                orderCurrency = price.currency();
            } else if (!orderCurrency.equals(price.currency())) {
                errors.add(at + ".unitPrice.currency", "must be " + orderCurrency + ", like the order's other items");
            }
            if (price.amount() != null && checkAmount(price.amount(), currency.get(), at + ".unitPrice.amount", errors)
                    && item.quantity() != null) {
                total = total.add(price.amount().multiply(BigDecimal.valueOf(item.quantity())));
            }
        }
        if (total.compareTo(MAX_AMOUNT) > 0) {
            errors.add("items", "the order total must not exceed " + MAX_AMOUNT.toPlainString());
        }
        return items.stream()
                .map(item -> item == null || item.unitPrice() == null || !canScale(item.unitPrice()) ? item
                        : new ItemDetails(item.sku(), item.name(), item.quantity(),
                                Price.of(item.unitPrice().amount(), item.unitPrice().currency()), item.imageUrl()))
                .toList();
    }

    private static boolean checkAmount(BigDecimal amount, Currency currency, String field, FieldErrors errors) {
        int digits = currency.getDefaultFractionDigits();
        if (amount.signum() < 0) {
            errors.add(field, "must not be negative");
        } else if (amount.stripTrailingZeros().scale() > digits) {
            errors.add(field, digits == 0 ? "must be a whole amount of " + currency.getCurrencyCode()
                    : "must have at most " + digits + " decimal places for " + currency.getCurrencyCode());
        } else if (amount.compareTo(MAX_AMOUNT) > 0) {
            errors.add(field, "must not exceed " + MAX_AMOUNT.toPlainString());
        } else {
            return true;
        }
        return false;
    }

    private static boolean canScale(Price price) {
        Optional<Currency> currency = currency(price.currency());
        return price.amount() != null && currency.isPresent()
                && price.amount().stripTrailingZeros().scale() <= currency.get().getDefaultFractionDigits();
    }

    private static Optional<Currency> currency(String code) {
        try {
            Currency currency = Currency.getInstance(code);
            return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
