package dev.setpoint.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.stats.IntervalMethod;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The defaults every writer of a chosen policy shares, the values it refuses, and its clock. */
class SettingsBuilderTest {

  private static final Clock FIXED = Clock.fixed(Instant.parse("2026-12-07T23:41:07.918Z"),
      ZoneOffset.UTC);

  private static final Optional<ModelRef.ScoreRange> PROBABILITIES =
      Optional.of(new ModelRef.ScoreRange(0.013, 0.97));

  @Test
  void theRecordedTimeIsTheClocksInstantTruncatedToSeconds() {
    ChosenPolicy.Settings settings = ChosenPolicy.Settings.builder("fraud", FIXED).build();
    assertThat(settings.createdAt()).isEqualTo(Instant.parse("2026-12-07T23:41:07Z"));
  }

  @Test
  void unsetValuesGetTheDefaultsEveryWriterShares() {
    ChosenPolicy.Settings settings = ChosenPolicy.Settings.builder("fraud", FIXED).build();
    assertThat(settings.name()).isEqualTo("fraud");
    assertThat(settings.model()).isEmpty();
    assertThat(settings.scoreRange()).isEmpty();
    assertThat(settings.flagAction()).isEqualTo("review");
    assertThat(settings.queue()).isEmpty();
    assertThat(settings.method()).isEqualTo(IntervalMethod.CLOPPER_PEARSON);
    assertThat(settings.confidence()).isEqualTo(0.95);
    assertThat(settings.createdBy()).isEqualTo(System.getProperty("user.name", "unknown"));
    assertThat(settings.tool()).isEqualTo(ToolVersion.of("setpoint").recorded())
        .startsWith("setpoint ");
  }

  @Test
  void aNamedModelWithoutAVersionIsUnversionedAndCarriesTheScoreRange() {
    ChosenPolicy.Settings settings = ChosenPolicy.Settings.builder("fraud", FIXED)
        .model("gbm", Optional.empty()).scoresSeen(PROBABILITIES).build();
    assertThat(settings.model()).contains(new ModelRef("gbm", "unversioned", Optional.empty(),
        Optional.of(new ModelRef.ScoreRange(0, 1))));
    assertThat(settings.scoreRange()).contains(new ModelRef.ScoreRange(0, 1));
  }

  @Test
  void scoresOutsideZeroToOneImplyNoScoreRangeAndAStatedRangeWins() {
    Optional<ModelRef.ScoreRange> logits = Optional.of(new ModelRef.ScoreRange(-3.5, 4.25));
    assertThat(ChosenPolicy.Settings.builder("p", FIXED).scoresSeen(logits).build().scoreRange())
        .isEmpty();
    ModelRef.ScoreRange stated = new ModelRef.ScoreRange(-10, 10);
    assertThat(ChosenPolicy.Settings.builder("p", FIXED).scoresSeen(PROBABILITIES)
        .scoreRange(stated).build().scoreRange()).contains(stated);
  }

  @Test
  void valuesSetAreKeptAsGiven() {
    ChosenPolicy.Settings settings = ChosenPolicy.Settings.builder("fraud", FIXED)
        .model("gbm", Optional.of("7")).flagAction("block").queue("analysts")
        .intervals(IntervalMethod.WILSON, 0.9).createdBy("ana")
        .tool(new ToolVersion("setpoint-spark", Optional.of("1.2.0"))).build();
    assertThat(settings.model().orElseThrow().version()).isEqualTo("7");
    assertThat(settings.flagAction()).isEqualTo("block");
    assertThat(settings.queue()).contains("analysts");
    assertThat(settings.method()).isEqualTo(IntervalMethod.WILSON);
    assertThat(settings.confidence()).isEqualTo(0.9);
    assertThat(settings.createdBy()).isEqualTo("ana");
    assertThat(settings.tool()).isEqualTo("setpoint-spark 1.2.0");
  }

  @Test
  void blankTextAndAConfidenceOutsideZeroToOneAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> ChosenPolicy.Settings.builder(" ", FIXED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a policy name must be non-blank text, was ' '");
    SettingsBuilder builder = ChosenPolicy.Settings.builder("fraud", FIXED);
    assertThatThrownBy(() -> builder.model("", Optional.empty()))
        .hasMessage("a model name must be non-blank text, was ''");
    assertThatThrownBy(() -> builder.model("gbm", Optional.of("  ")))
        .hasMessage("a model version must be non-blank text, was '  '");
    assertThatThrownBy(() -> builder.flagAction("")).hasMessage(
        "an action must be non-blank text, was ''");
    assertThatThrownBy(() -> builder.queue("\t")).hasMessage(
        "a queue must be non-blank text, was '\t'");
    assertThatThrownBy(() -> builder.createdBy(""))
        .hasMessage("created by must be non-blank text, was ''");
    assertThatThrownBy(() -> builder.intervals(IntervalMethod.WILSON, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("confidence must be in (0, 1), was 1.0");
    assertThatThrownBy(() -> builder.intervals(IntervalMethod.WILSON, Double.NaN))
        .hasMessage("confidence must be in (0, 1), was NaN");
    assertThat(builder.build()).as("a refused value changes nothing")
        .isEqualTo(ChosenPolicy.Settings.builder("fraud", FIXED).build());
  }

  @Test
  void aDocumentsFileNameGivesTheDefaultPolicyName() {
    assertThat(SettingsBuilder.nameFrom(Path.of("out", "card fraud.yaml"))).isEqualTo("card-fraud");
    assertThat(SettingsBuilder.nameFrom(Path.of("fraud.v2.json"))).isEqualTo("fraud.v2");
    assertThat(SettingsBuilder.nameFrom(Path.of(".yaml"))).isEqualTo("policy");
    assertThat(SettingsBuilder.nameFrom(Path.of("-x.yml"))).isEqualTo("policy-x");
  }

  @Test
  void aToolIsRecordedWithItsVersionOrAsADevelopmentBuild() {
    assertThat(new ToolVersion("setpoint", Optional.of("0.1.0")).recorded())
        .isEqualTo("setpoint 0.1.0");
    assertThat(new ToolVersion("setpoint explorer", Optional.empty()).recorded())
        .isEqualTo("setpoint explorer development build");
    assertThat(new ToolVersion("setpoint", Optional.empty()).versionLine())
        .isEqualTo("setpoint (development build)");
    assertThatThrownBy(() -> new ToolVersion("", Optional.empty()))
        .hasMessage("a tool name must be non-blank text, was ''");
  }
}
