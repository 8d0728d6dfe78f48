package dev.setpoint.server.explorer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Segment;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.store.PolicyVersion;
import dev.setpoint.server.store.Store;
import java.util.List;
import java.util.Optional;

/**
 * The answer to {@code GET /v1/explorer/policies}: stored policies (their latest versions) whose
 * provenance names data the explorer can open — a bundled example, or a data set in memory — matched
 * by the SHA-256 of the file's bytes, so "open the data this policy was chosen on" shows exactly that
 * data, with the policy's thresholds.
 */
final class StoredPolicies {

  private StoredPolicies() {}

  static ObjectNode of(Store store, Examples examples, List<Dataset> loaded) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode list = out.putArray("policies");
    for (String name : store.policyNames()) {
      Optional<PolicyVersion> latest = store.latest(name);
      if (latest.isEmpty()) {
        continue;
      }
      Validation v = PolicyDocuments.parse(latest.get().document(), PolicyDocuments.Format.JSON, name);
      if (!(v instanceof Validation.Valid valid)) {
        continue; // the store holds only validated documents; nothing to open otherwise
      }
      List<Segment> segments = valid.policy().segments();
      for (Segment s : segments) {
        Optional<String> sha = s.provenance().flatMap(Provenance::data)
            .map(Provenance.DataFingerprint::sha256);
        if (sha.isEmpty()) {
          continue;
        }
        Optional<Examples.Example> example = examples.bySha256(sha.get());
        Optional<Dataset> dataset = loaded.stream().filter(d -> d.sha256().equals(sha.get()))
            .findFirst();
        if (example.isEmpty() && dataset.isEmpty()) {
          continue;
        }
        ObjectNode p = list.addObject();
        p.put("name", name);
        p.put("version", latest.get().version());
        p.put("sha256", sha.get());
        s.provenance().flatMap(Provenance::data).flatMap(Provenance.DataFingerprint::source)
            .ifPresent(src -> p.put("source", src));
        example.ifPresent(e -> p.put("example", e.name()));
        dataset.ifPresent(d -> p.put("dataset", d.id()));
        Segment fallback = segments.get(segments.size() - 1);
        ArrayNode thresholds = p.putArray("thresholds");
        for (Band b : fallback.bands()) {
          if (b.minScore().isPresent()) {
            thresholds.addObject().put("action", b.action())
                .put("minScore", b.minScore().getAsDouble());
          }
        }
        break;
      }
    }
    return out;
  }
}
