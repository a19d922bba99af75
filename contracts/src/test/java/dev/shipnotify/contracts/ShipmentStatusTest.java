package dev.shipnotify.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

class ShipmentStatusTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ShipmentStatus.class, names = {"DELIVERED", "RETURNED", "EXPIRED"})
    void isFinal_forTheEndsOfAShipment(ShipmentStatus status) {
        assertThat(status.isFinal()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ShipmentStatus.class, mode = Mode.EXCLUDE, names = {"DELIVERED", "RETURNED", "EXPIRED"})
    void isNotFinal_whileTheParcelCanStillMove(ShipmentStatus status) {
        assertThat(status.isFinal()).isFalse();
    }
}
