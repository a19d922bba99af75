package dev.shipnotify.order.orders;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.util.Currency;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An exact amount: a decimal string in major units ("499.00"), never a float, with no more decimals than the
 * currency has.
 */
@Schema(name = "Price")
public record Price(
        @Schema(type = SchemaType.STRING, example = "499.00", pattern = "^(0|[1-9][0-9]*)(\\.[0-9]+)?$")
        @JsonFormat(shape = JsonFormat.Shape.STRING) @NotNull BigDecimal amount,
        @Schema(example = "INR", description = "ISO 4217 code") @NotBlank
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 currency code such as INR") String currency) {

    /** The amount at the currency's own scale, so "499", "499.0" and "499.0000" all read "499.00" in INR. */
    static Price of(BigDecimal amount, String currency) {
        return new Price(amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits()), currency);
    }
}
