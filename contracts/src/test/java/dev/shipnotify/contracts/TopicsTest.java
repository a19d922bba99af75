package dev.shipnotify.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void deadLetter_namesTopicThenGroupThenDlq() {
        assertThat(Topics.deadLetter(Topics.DELIVERED, "review-service")).isEqualTo("delivered.review-service.dlq");
        assertThat(Topics.deadLetter(Topics.ORDER_PLACED, "notification-service"))
                .isEqualTo("order-placed.notification-service.dlq");
    }

    @Test
    void deadLetter_isDistinctPerGroup_forTheSameTopic() {
        assertThat(Topics.deadLetter(Topics.ORDER_PLACED, "notification-service"))
                .isNotEqualTo(Topics.deadLetter(Topics.ORDER_PLACED, "review-service"));
    }

    @Test
    void all_listsTheBusinessTopicsInFlowOrder() {
        assertThat(Topics.ALL).containsExactly("merchant-keys", "order-placed", "order-cancelled", "shipment-updated", "delivered", "review-requested", "shopper-replied", "review-thanked");
    }
}
