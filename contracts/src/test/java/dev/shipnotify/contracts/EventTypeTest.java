package dev.shipnotify.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTypeTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void ofCeType_findsEachTypeByItsOwnCeType(EventType type) {
        assertThat(EventType.ofCeType(type.ceType())).contains(type);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"dev.shipnotify.order.refunded", "DEV.SHIPNOTIFY.ORDER.PLACED", "order-placed"})
    void ofCeType_findsNothing_forAnUnknownCeType(String ceType) {
        assertThat(EventType.ofCeType(ceType)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void of_findsEachTypeByItsRecord(EventType type) {
        assertThat(EventType.of(type.recordType())).isEqualTo(type);
    }

    @Test
    void of_refusesARecordThatIsNoEvent() {
        assertThatIllegalArgumentException().isThrownBy(() -> EventType.of(Money.class)).withMessageContaining("Money");
    }

    @Test
    void ceTypesAndTopics_areOnePerEvent_andCoverEveryTopic() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::ceType)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic)).containsExactlyElementsOf(Topics.ALL);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EventType.class)
    void resources_areNamedAfterTheTopic(EventType type) {
        assertThat(type.schemaResource()).isEqualTo("/schemas/" + type.topic() + ".schema.json");
        assertThat(type.sampleResource()).isEqualTo("/samples/" + type.topic() + ".json");
        assertThat(EventType.class.getResource(type.schemaResource())).isNotNull();
        assertThat(EventType.class.getResource(type.sampleResource())).isNotNull();
    }
}
