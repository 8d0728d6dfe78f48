package dev.setpoint.curve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.data.SegmentKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentedCurvesTest {

  private static final SegmentKey DE_PREMIUM = new SegmentKey(List.of("DE", "premium"));
  private static final SegmentKey DE_BASIC = new SegmentKey(List.of("DE", "basic"));
  private static final SegmentKey DE = new SegmentKey(List.of("DE"));

  @Test
  void segmentRowCountsIncludeWeightZeroRowsWhichTheCurvesLeaveOut() {
    SegmentedCurves sink = new SegmentedCurves(true);
    sink.accept(0.9, true, 1.0, DE_PREMIUM);
    sink.accept(0.2, false, 0.0, DE_PREMIUM);
    sink.accept(0.4, false, 2.5, DE_BASIC);
    sink.accept(0.7, true, 0.0, DE_BASIC);
    sink.accept(0.1, false, 0.0, DE_BASIC);
    sink.accept(0.5, true, 1.0, SegmentKey.NONE);

    // ChosenPolicy.Data records the rows read of each segment, whatever their weights.
    assertThat(sink.rows()).containsExactly(Map.entry(DE, 5L), Map.entry(DE_PREMIUM, 2L),
        Map.entry(DE_BASIC, 3L));
    Map<SegmentKey, Curve> curves = sink.buildSegments();
    assertThat(curves.keySet()).containsExactly(DE, DE_PREMIUM, DE_BASIC);
    assertThat(curves.get(DE_PREMIUM).positives()).isEqualTo(1.0);
    assertThat(curves.get(DE_PREMIUM).negatives()).isEqualTo(0.0);
    assertThat(curves.get(DE_BASIC).positives()).isEqualTo(0.0);
    assertThat(curves.get(DE_BASIC).negatives()).isEqualTo(2.5);
    assertThat(curves.get(DE).negatives()).isEqualTo(2.5);
    assertThat(sink.buildOverall().positives()).isEqualTo(2.0);
  }

  @Test
  void withoutParentsOnlyTheFullKeysAreCounted() {
    SegmentedCurves sink = new SegmentedCurves(false);
    sink.accept(0.9, true, 1.0, DE_PREMIUM);
    sink.accept(0.3, false, 0.0, DE_BASIC);
    assertThat(sink.rows()).containsExactly(Map.entry(DE_PREMIUM, 1L), Map.entry(DE_BASIC, 1L));
    assertThat(sink.buildSegments().get(DE_BASIC).negatives()).isEqualTo(0.0);
  }
}
