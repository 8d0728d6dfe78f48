package dev.setpoint.server.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.curve.Curve;
import dev.setpoint.policy.ToolVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Save as policy" records its provenance with the defaults every writer of a policy shares. */
class PolicyDraftTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T23:58:30.750Z"),
      ZoneOffset.UTC);

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aDraftRecordsTheServersClockTheCallerTheToolAndTheSharedDefaults() throws Exception {
    Curve curve = Curve.of(new double[] {0.9, 0.7, 0.4, 0.2, 0.1},
        new boolean[] {true, true, false, true, false});
    Dataset d = new Dataset("d1", "scores.csv", Optional.of("ana"), "0".repeat(64), "CSV", Map.of(),
        5, 5, Map.of(), List.of(), curve, Map.of(), Map.of(), Instant.EPOCH);
    JsonNode document = PolicyDraft.of(d, json.readTree(
        "{\"name\": \"drafted\", \"threshold\": 0.4, \"modelName\": \"gbm\"}"), "ana", CLOCK,
        new ToolVersion("setpoint explorer", Optional.of("9.9.0"))).get("document");

    JsonNode model = document.get("model");
    assertThat(model.get("version").asText()).isEqualTo("unversioned");
    assertThat(model.get("scoreRange").toString()).isEqualTo("{\"min\":0.0,\"max\":1.0}");
    JsonNode provenance = document.get("segments").get(0).get("provenance");
    assertThat(provenance.get("createdAt").asText()).isEqualTo("2026-12-07T23:58:30Z");
    assertThat(provenance.get("createdBy").asText()).isEqualTo("ana");
    assertThat(provenance.get("tool").asText()).isEqualTo("setpoint explorer 9.9.0");
    // the reference the monitor measures drift against: the threshold 0.4 is an edge, and the
    // weights are the five rows
    assertThat(provenance.get("scores").get("edges").toString()).contains("0.4");
    assertThat(provenance.get("scores").get("weights").toString()).isEqualTo("[1,1,1,1,1]");
    assertThat(document.get("segments").get(0).get("bands").get(0).get("action").asText())
        .isEqualTo("review");
  }
}
