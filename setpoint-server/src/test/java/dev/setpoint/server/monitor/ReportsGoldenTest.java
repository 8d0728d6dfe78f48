package dev.setpoint.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The monitor's and the replay's answers on a fixed log, byte for byte. The golden files were written
 * by the reports as they were before they used the policy module's tally, so any change in what they
 * count, in which order they list it, or how they print it shows here. Rewrite them (only for an
 * intended change) with {@code -Dsetpoint.golden.write=true}; they are compared with {@code
 * toString()}, the bytes the service sends.
 *
 * <p>The log: 900 decisions of seeded random scores, regions and labels, decided by versions 1 and 2
 * of a policy, plus decisions of a segment and of a band that version 2 does not have. The candidate
 * has a segment of twelve bands, which pins the order of the replay's bands (by segment, then by band
 * as text: 10 and 11 before 2), and a segment no row reaches, whose bands the replay does not list.
 */
class ReportsGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/dev/setpoint/server/monitor");
  private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");

  static final String V1 = """
      apiVersion: setpoint/v1
      kind: Policy
      name: cards
      segments:
        - name: eu
          match: { region: EU }
          bands:
            - { action: block, minScore: 0.9 }
            - { action: review, minScore: 0.5, queue: eu }
            - { action: allow }
          provenance:
            objective: "recall@precision>=0.8"
            expected:
              precision: 0.8
              bands: [ { action: block, rows: 50, positives: 48 }, { action: review, rows: 200, positives: 160 }, { action: allow, rows: 750, positives: 20 } ]
        - name: default
          match: {}
          bands:
            - { action: review, minScore: 0.7 }
            - { action: allow }
          provenance:
            objective: "recall@precision>=0.2"
            expected:
              precision: 0
              bands: [ { action: review, rows: 3, positives: 0 }, { action: allow, rows: 90, positives: 0 } ]
      """;

  static final String V2 = """
      apiVersion: setpoint/v1
      kind: Policy
      name: cards
      segments:
        - name: eu
          match: { region: EU }
          bands:
            - { action: block, minScore: 0.8 }
            - { action: review, minScore: 0.5, queue: eu }
            - { action: allow }
        - name: default
          match: {}
          bands:
            - { action: review, minScore: 0.6 }
            - { action: allow }
          provenance:
            objective: "recall@precision>=0.5"
            expected:
              precision: 0.55
              bands: [ { action: review, rows: 100, positives: 55 } ]
      """;

  static String candidate() {
    StringBuilder bands = new StringBuilder();
    for (int b = 0; b < 11; b++) {
      bands.append("      - { action: ").append(b % 2 == 0 ? "block" : "review")
          .append(", minScore: ").append(0.95 - 0.05 * b).append(" }\n");
    }
    return """
        apiVersion: setpoint/v1
        kind: Policy
        name: cards
        segments:
          - name: eu
            match: { region: EU }
            bands:
        """ + bands + """
              - { action: allow }
          - name: asia
            match: { region: ASIA }
            bands:
              - { action: block, minScore: 0.5 }
              - { action: allow }
          - name: default
            match: {}
            bands:
              - { action: review, minScore: 0.65 }
              - { action: allow }
        """;
  }

  static Decider compile(String yaml) {
    Validation v = PolicyDocuments.parse(yaml, PolicyDocuments.Format.YAML, "policy.yaml");
    assertThat(v).as(v.toString()).isInstanceOf(Validation.Valid.class);
    return Decider.compile((Validation.Valid) v);
  }

  private final Map<Long, Decider> versions = Map.of(1L, compile(V1), 2L, compile(V2));

  private List<Store.LabelledDecision> log() {
    Random random = new Random(20261207);
    List<Store.LabelledDecision> log = new ArrayList<>();
    String[] regions = {"EU", "US", null};
    for (int i = 0; i < 900; i++) {
      long version = i < 450 ? 1 : 2;
      double score = random.nextInt(101) / 100.0;
      String region = regions[random.nextInt(3)];
      Map<String, Object> request = region == null ? Map.of() : Map.of("region", region);
      Decision d = versions.get(version).decide(score, request);
      String segment = d.segment();
      int band = d.band();
      String action = d.action();
      if (i % 97 == 5) {
        segment = "gone"; // a segment the version does not have
      } else if (i % 89 == 7 && version == 2) {
        band = 4; // a band past the segment's last
      }
      Optional<Boolean> label = random.nextInt(10) < 3 ? Optional.empty()
          : Optional.of(random.nextDouble() < 0.7 * score);
      DecisionRecord record = new DecisionRecord("d" + i, FROM.plusSeconds(i), "cards", version,
          segment, band, action, d.queue(), d.threshold(), score, d.route().label(),
          d.missingAttributes(), region == null ? "{}" : "{\"region\":\"" + region + "\"}");
      log.add(new Store.LabelledDecision(record, label));
    }
    return log;
  }

  private Consumer<Consumer<Store.LabelledDecision>> scan() {
    List<Store.LabelledDecision> log = log();
    return each -> log.forEach(each);
  }

  @Test
  void theMonitorsAnswerOnAFixedLogIsPinned() throws IOException {
    Policy[] policies = {null, versions.get(1L).policy(), versions.get(2L).policy()};
    String answer = Monitor.report(scan(), "cards", FROM, TO, v -> policies[(int) v], 0.95)
        .toString();
    assertThat(answer).contains("\"breach\":true");
    matchesGolden("monitor.json", answer);
  }

  @Test
  void theReplaysAnswerOnAFixedLogIsPinned() throws IOException {
    String answer = Replay.report(scan(), "cards", FROM, TO, compile(candidate())).toString();
    assertThat(answer).contains("\"band\":10");
    matchesGolden("replay.json", answer);
  }

  private static void matchesGolden(String name, String answer) throws IOException {
    Path file = GOLDEN.resolve(name);
    if (Boolean.getBoolean("setpoint.golden.write")) {
      Files.writeString(file, answer + "\n", StandardCharsets.UTF_8);
    }
    assertThat(answer + "\n").isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }
}
