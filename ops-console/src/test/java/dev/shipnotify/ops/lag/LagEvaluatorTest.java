package dev.shipnotify.ops.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status rules over a window of three samples: (log-end, committed, members?) per refresh. */
class LagEvaluatorTest {
    private static final int WINDOW = 3;

    @Test
    void caughtUp_orIdleAtZero_isOK() {
        assertThat(status(100, 100, true, 120, 120, true, 150, 150, true)).isEqualTo(Status.OK);
        assertThat(status(100, 100, false, 100, 100, false, 100, 100, false)).isEqualTo(Status.OK);
    }

    @Test
    void tooFewSamples_isOK_evenWithLag() {
        assertThat(LagEvaluator.evaluate(List.of(new Sample(0, 100, 10, false)), WINDOW)).isEqualTo(Status.OK);
    }

    @Test
    void noProgressWithLag_isSTOP_withoutMembers_andSTALL_withThem() {
        assertThat(status(100, 10, false, 120, 10, false, 140, 10, false)).isEqualTo(Status.STOP);
        assertThat(status(100, 10, true, 100, 10, true, 100, 10, true)).isEqualTo(Status.STALL);
    }

    @Test
    void committingWhileTheLagGrowsEveryTime_isWARN_butNotWhenItShrinksOnce() {
        assertThat(status(100, 90, true, 150, 100, true, 200, 110, true)).isEqualTo(Status.WARN);
        assertThat(status(100, 90, true, 150, 100, true, 160, 150, true)).isEqualTo(Status.OK);
    }

    @Test
    void aCommittedOffsetGoingBack_isREWIND() {
        assertThat(status(100, 100, true, 100, 0, true, 100, 10, true)).isEqualTo(Status.REWIND);
    }

    /** Three samples, each (log-end offset, committed offset, whether the group has members). */
    private static Status status(long end1, long committed1, boolean members1, long end2, long committed2,
            boolean members2, long end3, long committed3, boolean members3) {
        List<Sample> window = new ArrayList<>();
        window.add(new Sample(0, end1, committed1, members1));
        window.add(new Sample(1000, end2, committed2, members2));
        window.add(new Sample(2000, end3, committed3, members3));
        return LagEvaluator.evaluate(window, WINDOW);
    }
}
