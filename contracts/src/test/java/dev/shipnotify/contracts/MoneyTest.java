package dev.shipnotify.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void writesTheAmountAsADecimalString_keepingItsScale() {
        JsonNode json = EventJson.write(new Money(new BigDecimal("499.00"), "INR"));

        assertThat(json.get("amount").isTextual()).isTrue();
        assertThat(json.get("amount").asText()).isEqualTo("499.00");
        assertThat(json.get("currency").asText()).isEqualTo("INR");
    }

    @Test
    void writesPlainDigits_whenArithmeticLeftANegativeScale() {
        BigDecimal stripped = new BigDecimal("1000.00").stripTrailingZeros();

        JsonNode json = EventJson.write(new Money(stripped, "INR"));

        assertThat(stripped.toString()).isEqualTo("1E+3");
        assertThat(json.get("amount").asText()).isEqualTo("1000");
    }

    @Test
    void readsTheAmountFromAString_andIgnoresUnknownFields() throws Exception {
        Money money = EventJson.MAPPER.readValue("{\"amount\": \"899.50\", \"currency\": \"INR\", \"minorUnits\": 89950}",
                Money.class);

        assertThat(money).isEqualTo(new Money(new BigDecimal("899.50"), "INR"));
    }

    @Test
    void needsAnAmountAndACurrency() {
        assertThatNullPointerException().isThrownBy(() -> new Money(null, "INR")).withMessage("amount");
        assertThatNullPointerException().isThrownBy(() -> new Money(BigDecimal.ONE, null)).withMessage("currency");
    }
}
