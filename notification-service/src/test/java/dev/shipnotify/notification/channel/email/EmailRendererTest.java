package dev.shipnotify.notification.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.order.MerchantBranding;
import dev.shipnotify.notification.order.OrderLine;
import dev.shipnotify.notification.order.OrderProjection;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Renders the confirmation from an in-memory order, without the broker or the mail server. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = {
        @ResourceArg(name = "parts", value = "kafka,postgres,smtp"),
        @ResourceArg(name = "postgres.database", value = "notifications") })
class EmailRendererTest {

    @Inject
    EmailRenderer renderer;

    @Test
    void rendersSubjectTextAndHtml_inTheShoppersLanguage() {
        RenderedEmail email = renderer.render(Milestone.ORDER_CONFIRMED, order("Acme Kitchen", "en-IN"));

        assertThat(email.subject()).isEqualTo("Your order 5F6A7B8C is confirmed");
        assertThat(email.locale()).isEqualTo(Locale.forLanguageTag("en-IN"));
        assertThat(email.text()).startsWith("Hi Asha,").contains("- Tea towel  x3  ₹597.00", "Total: ₹597.00");
        assertThat(email.html()).contains("<td align=\"center\" style=\"padding:10px 0;border-bottom:1px solid #e5e7eb;\">3</td>",
                "₹199.00 each");
    }

    @Test
    void fallsBackToEnglish_whenNoTemplateExistsForTheLanguage() {
        RenderedEmail email = renderer.render(Milestone.ORDER_CONFIRMED, order("Acme Kitchen", "te-IN"));

        assertThat(email.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(email.subject()).isEqualTo("Your order 5F6A7B8C is confirmed");
    }

    @Test
    void escapesMerchantText_inTheHtmlPart() {
        RenderedEmail email = renderer.render(Milestone.ORDER_CONFIRMED, order("<script>alert(1)</script>", "en"));

        assertThat(email.html()).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    private static OrderProjection order(String merchantName, String locale) {
        OrderProjection order = new OrderProjection();
        order.orderId = "3f2a9c1b-7d4e-4f00-9a1b-2c3d5f6a7b8c";
        order.merchantId = "merchant-1";
        order.merchant = new MerchantBranding(merchantName, "Acme", "orders@acme.example", null, null, null,
                "#0e7490", "en", null);
        order.shopperName = "Asha Rao";
        order.shopperLocale = locale;
        order.shopperTimeZone = "Asia/Kolkata";
        order.items = List.of(new OrderLine("SKU-1", "Tea towel", 3, new BigDecimal("199.00"), "INR", null));
        order.totalAmount = new BigDecimal("597.00");
        order.totalCurrency = "INR";
        order.placedAt = Instant.parse("2026-11-23T09:30:00Z");
        return order;
    }
}
