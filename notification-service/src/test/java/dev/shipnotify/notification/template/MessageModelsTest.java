package dev.shipnotify.notification.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessageModelsTest {

    @Test
    void showsTheLastEightCharactersOfTheOrderId_asTheOrderNumber() {
        assertThat(MessageModels.orderNumber("3f2a9c1b-7d4e-4f00-9a1b-2c3d4e5f6a7b")).isEqualTo("4E5F6A7B");
        assertThat(MessageModels.orderNumber("ord-42")).isEqualTo("ORD42");
    }

    @Test
    void acceptsOnlyHexBrandColours() {
        assertThat(MessageModels.brandColor("#0E7490")).isEqualTo("#0E7490");
        assertThat(MessageModels.brandColor("#fff")).isEqualTo("#fff");
        assertThat(MessageModels.brandColor("red;background:url(https://evil.example)"))
                .isEqualTo(MessageModels.DEFAULT_BRAND_COLOR);
        assertThat(MessageModels.brandColor(null)).isEqualTo(MessageModels.DEFAULT_BRAND_COLOR);
    }

    @Test
    void acceptsOnlyHttpsImages() {
        assertThat(MessageModels.httpsUrl("https://cdn.example/logo.png")).isEqualTo("https://cdn.example/logo.png");
        assertThat(MessageModels.httpsUrl("javascript:alert(1)")).isNull();
        assertThat(MessageModels.httpsUrl("http://cdn.example/logo.png")).isNull();
    }

    @Test
    void formatsMoneyInTheMessageLanguage() {
        assertThat(MessageModels.money(new BigDecimal("2096.00"), "INR", Locale.forLanguageTag("en-IN")))
                .isEqualTo("₹2,096.00");
        assertThat(MessageModels.money(new BigDecimal("19.5"), "EUR", Locale.forLanguageTag("en-IE")))
                .isEqualTo("€19.50");
        assertThat(MessageModels.money(new BigDecimal("10"), "XXX-not-iso", Locale.ENGLISH)).isEqualTo("10 XXX-not-iso");
    }
}
