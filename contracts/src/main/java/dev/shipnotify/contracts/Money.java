package dev.shipnotify.contracts;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.util.Objects;

/** An exact amount in an ISO 4217 currency; the amount travels as a decimal string ("499.00"), never a float. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        // stripTrailingZeros() and some arithmetic leave a negative scale, which BigDecimal.toString()
        // (and so Jackson) writes in exponent notation ("1E+3"); consumers and the schema expect plain digits.
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
    }
}
