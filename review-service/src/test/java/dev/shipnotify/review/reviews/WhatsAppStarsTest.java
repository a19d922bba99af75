package dev.shipnotify.review.reviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.review.testing.Asked;
import dev.shipnotify.review.testing.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A tap on a star button of the WhatsApp request, as notification-service publishes it, rates the order's items. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class WhatsAppStarsTest {
    @Inject
    Reviews reviews;

    @Test
    void aStarsTap_ratesEveryItemOfTheOrder() {
        Asked asked = Asked.order(Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1", "DUPATTA-2"));

        Shop.publish(Shop.tapped(asked.order(), "STARS_4"));

        await().atMost(Shop.WAIT).untilAsserted(() -> {
            assertThat(reviews.find(asked.orderId(), "SAREE-1")).hasValueSatisfying(review -> {
                assertThat(review.rating()).isEqualTo(4);
                assertThat(review.source()).isEqualTo("WHATSAPP");
            });
            assertThat(reviews.find(asked.orderId(), "DUPATTA-2").map(Review::rating)).contains(4);
        });
    }
}
