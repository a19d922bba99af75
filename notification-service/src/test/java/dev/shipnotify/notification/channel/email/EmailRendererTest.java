package dev.shipnotify.notification.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipnotify.contracts.ExceptionReason;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.notification.delivery.Milestone;
import dev.shipnotify.notification.delivery.ReviewAsk;
import dev.shipnotify.notification.delivery.ShipmentNews;
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
        RenderedEmail email = renderer.render(Milestone.ORDER_CONFIRMED, order("Acme Kitchen", "ta-IN"));

        assertThat(email.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(email.subject()).isEqualTo("Your order 5F6A7B8C is confirmed");
    }

    @Test
    void rendersEveryShipmentMilestone_inEachLanguage_withEveryExceptionReason() {
        for (String language : List.of("en", "hi", "bn", "te")) {
            for (Milestone milestone : List.of(Milestone.SHIPPED, Milestone.OUT_FOR_DELIVERY, Milestone.FAILED_ATTEMPT,
                    Milestone.EXCEPTION, Milestone.DELIVERED)) {
                for (ExceptionReason reason : milestone == Milestone.EXCEPTION ? ExceptionReason.values()
                        : new ExceptionReason[] {null}) {
                    ShipmentNews news = new ShipmentNews("Delhivery", "DL123456789IN",
                            "https://track.example/delhivery/DL123456789IN?t=x", milestone.name(),
                            reason == null ? null : reason.name(), "Consignee not available", "Bengaluru",
                            "2025-03-17T03:12:00Z", "2025-03-18");
                    RenderedEmail email = renderer.render(milestone, order("Acme Kitchen", language + "-IN"), news, null);

                    String what = milestone + " " + reason + " in " + language;
                    assertThat(email.locale().getLanguage()).as(what).isEqualTo(language);
                    assertThat(email.subject()).as(what).contains("5F6A7B8C").doesNotContain("{");
                    assertThat(email.html()).as(what).contains("<html lang=\"" + language + "\">", "DL123456789IN",
                            "href=\"https://track.example/delhivery/DL123456789IN?t=x\"").doesNotContain("{m.");
                    assertThat(email.text()).as(what).contains("Delhivery DL123456789IN",
                            "https://track.example/delhivery/DL123456789IN?t=x").doesNotContain("{m.");
                }
            }
        }
    }

    @Test
    void rendersTheCancellation_inEachLanguage() {
        for (String language : List.of("en", "hi", "bn", "te")) {
            RenderedEmail email = renderer.render(Milestone.ORDER_CANCELLED, order("Acme Kitchen", language));

            assertThat(email.locale().getLanguage()).isEqualTo(language);
            assertThat(email.subject()).contains("5F6A7B8C");
            assertThat(email.html()).contains("<html lang=\"" + language + "\">").doesNotContain("{m.");
            assertThat(email.text()).contains("Acme Kitchen").doesNotContain("{m.");
        }
    }

    @Test
    void rendersReviewRequestsAndReminders_inEachLanguage_withEveryStarLink() {
        ReviewAsk ask = new ReviewAsk("request-1", "2030-01-31T00:00:00Z", List.of(new ReviewAsk.Item("Tea towel",
                null, List.of(new ReviewAsk.Star(1, "https://reviews.example/r/1"),
                        new ReviewAsk.Star(5, "https://reviews.example/r/5")))), null);
        for (String language : List.of("en", "hi", "bn", "te")) {
            for (Milestone milestone : List.of(Milestone.REVIEW_REQUEST, Milestone.REVIEW_REMINDER)) {
                RenderedEmail email = renderer.render(milestone, order("Acme Kitchen", language), null, ask);

                String what = milestone + " in " + language;
                assertThat(email.locale().getLanguage()).as(what).isEqualTo(language);
                assertThat(email.subject()).as(what).contains("5F6A7B8C");
                assertThat(email.html()).as(what).contains("<html lang=\"" + language + "\">", "Tea towel",
                        "href=\"https://reviews.example/r/1\"", "href=\"https://reviews.example/r/5\"", "★★★★★")
                        .doesNotContain("{m.");
                assertThat(email.text()).as(what).contains("★ https://reviews.example/r/1", "2030")
                        .doesNotContain("{m.");
            }
        }
    }

    @Test
    void rendersTheThankYou_inEachLanguage_withTheDiscountCodeOnlyWhenThereIsOne() {
        ReviewAsk withCode = new ReviewAsk("thanks-1", null, List.of(), "THANKS10");
        ReviewAsk withoutCode = new ReviewAsk("thanks-2", null, List.of(), null);
        for (String language : List.of("en", "hi", "bn", "te")) {
            RenderedEmail email = renderer.render(Milestone.THANK_YOU, order("Acme Kitchen", language), null, withCode);
            RenderedEmail plain = renderer.render(Milestone.THANK_YOU, order("Acme Kitchen", language), null,
                    withoutCode);

            assertThat(email.locale().getLanguage()).as(language).isEqualTo(language);
            assertThat(email.subject()).as(language).contains("5F6A7B8C");
            assertThat(email.html()).as(language).contains("THANKS10").doesNotContain("{m.");
            assertThat(email.text()).as(language).contains("THANKS10", "Acme Kitchen").doesNotContain("{m.");
            assertThat(plain.html()).as(language).doesNotContain("THANKS10").contains("Acme Kitchen");
        }
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
