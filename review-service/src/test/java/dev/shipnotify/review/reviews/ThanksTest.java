package dev.shipnotify.review.reviews;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shipnotify.contracts.CloudEventHeaders;
import dev.shipnotify.contracts.ReviewThanked;
import dev.shipnotify.contracts.Topics;
import dev.shipnotify.infra.kafka.TopicReader;
import dev.shipnotify.infra.quarkus.LocalInfraTestResource;
import dev.shipnotify.messaging.Outbox;
import dev.shipnotify.review.testing.Asked;
import dev.shipnotify.review.testing.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A merchant that thanks its reviewers ({@code review.merchants."merchant-thanks".thank-you}, with a discount code)
 * gets one {@code review-thanked} per order, for the first rating; other merchants none.
 */
@QuarkusTest
@TestProfile(ThanksTest.MerchantThatThanks.class)
@QuarkusTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "parts", value = "kafka,mongo"))
class ThanksTest {

    public static class MerchantThatThanks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("review.merchants.\"merchant-thanks\".thank-you", "true",
                    "review.merchants.\"merchant-thanks\".thank-you-discount", "THANKS10");
        }
    }

    @Inject
    Outbox outbox;
    @Inject
    ObjectMapper json;

    @Test
    void theFirstRatingOfAnOrder_isThankedOnce_withTheMerchantsDiscountCode() throws Exception {
        Asked asked = Asked.order(Shop.order("merchant-thanks", "SAREE-1", "DUPATTA-2"));

        given().get(asked.star("SAREE-1", 5)).then().statusCode(200);
        given().get(asked.star("SAREE-1", 4)).then().statusCode(200);
        given().get(asked.star("DUPATTA-2", 3)).then().statusCode(200);

        TopicReader.Record record = new TopicReader(Shop.bootstrapServers()).awaitRecord(Topics.REVIEW_THANKED,
                r -> asked.orderId().equals(r.key()), Shop.WAIT);
        ReviewThanked thanks = json.readValue(record.value(), ReviewThanked.class);
        assertThat(thanks.merchantId()).isEqualTo("merchant-thanks");
        assertThat(thanks.discountCode()).isEqualTo("THANKS10");
        assertThat(record.header(CloudEventHeaders.ID)).isEqualTo(thanks.thanksId());
        outbox.drain();
        assertThat(thanked(asked)).as("one thank-you for three clicks").hasSize(1);
    }

    @Test
    void aMerchantThatDoesNotThank_sendsNoThankYou() {
        Asked asked = Asked.order(Shop.order("merchant-" + UUID.randomUUID(), "SAREE-1"));

        given().get(asked.star("SAREE-1", 5)).then().statusCode(200);
        outbox.drain();

        assertThat(thanked(asked)).isEmpty();
    }

    private static List<TopicReader.Record> thanked(Asked asked) {
        return new TopicReader(Shop.bootstrapServers()).readAll(Topics.REVIEW_THANKED).stream()
                .filter(r -> asked.orderId().equals(r.key())).toList();
    }
}
