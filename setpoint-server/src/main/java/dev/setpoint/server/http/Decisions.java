package dev.setpoint.server.http;

import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.policy.ModelRef;
import dev.setpoint.server.audit.AuditLog;
import dev.setpoint.server.audit.DecisionIds;
import dev.setpoint.server.store.DecisionGroup;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.Outcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decide endpoints without their transport: a request body in, the answer's bytes out once the
 * decisions are durably logged. Bad input fails at once with an {@link ApiException}; a log that
 * cannot commit fails the future with a 503 {@link ApiException}.
 */
final class Decisions {

  private final ActivePolicies active;
  private final AuditLog audit;
  private final boolean log;
  private final int maxBatch;
  private final MeterRegistry metrics;
  private final Map<String, Counter> byAction = new ConcurrentHashMap<>();

  /**
   * @param log whether decisions are logged before they are answered
   * @param maxBatch the most requests in one batch
   */
  Decisions(ActivePolicies active, AuditLog audit, boolean log, int maxBatch,
      MeterRegistry metrics) {
    this.active = active;
    this.audit = audit;
    this.log = log;
    this.maxBatch = maxBatch;
    this.metrics = metrics;
  }

  /** {@code POST /v1/decide}: one decision. */
  CompletableFuture<byte[]> single(byte[] body) {
    BatchRequest.Single request = BatchRequest.parseSingle(body, active);
    ActivePolicies.Active a = request.active();
    checkRange(a, request.score(), -1);
    long now = System.currentTimeMillis();
    DecisionRecord record = record(a, request.policy(), now, DecisionIds.next(now),
        request.score(), a.decider().decide(request.score(), request.values()),
        request.attributesJson());
    counter(record.action()).increment();
    byte[] answer = DecisionJson.single(record);
    return logged(() -> DecisionGroup.of(List.of(record))).thenApply(v -> answer);
  }

  /**
   * {@code POST /v1/decide/batch}: up to {@code maxBatch} decisions under one policy. No record or id
   * is built per decision: the answer and the audit group are written from the batch id, the distinct
   * outcomes with an index per decision, and the requests' own JSON text.
   */
  CompletableFuture<byte[]> batch(byte[] body) {
    BatchRequest batch = BatchRequest.parse(body, maxBatch, active);
    String name = batch.policy();
    ActivePolicies.Active a = batch.active();
    Decider decider = a.decider();
    long now = System.currentTimeMillis();
    String group = DecisionIds.next(now);
    double[] scores = batch.scores();
    Object[][] values = batch.values();
    Outcomes.Builder<Decision> taken = new Outcomes.Builder<>(batch.size(), Decisions::outcome);
    for (int i = 0; i < scores.length; i++) {
      checkRange(a, scores[i], i);
      taken.add(decider.decide(scores[i], values[i]));
    }
    Outcomes outcomes = taken.build();
    count(outcomes);
    byte[] answer = batch.compact()
        ? DecisionJson.compactBatch(name, a.version(), now, group, outcomes)
        : DecisionJson.batch(name, a.version(), now, group, outcomes);
    return logged(() -> DecisionGroup.ofBatch(group, Instant.ofEpochMilli(now), name, a.version(),
        outcomes, batch.inputs())).thenApply(v -> answer);
  }

  /** What a decision decided, as the audit log and the answers give it. */
  private static DecisionRecord.Outcome outcome(Decision d) {
    return new DecisionRecord.Outcome(d.segment(), d.band(), d.action(), d.queue(), d.threshold(),
        d.route().label(), d.missingAttributes());
  }

  /** {@code setpoint_decisions{action}}, the decisions made by action. */
  private Counter counter(String action) {
    return byAction.computeIfAbsent(action, k -> Counter.builder("setpoint_decisions")
        .tag("action", k).description("Decisions by action").register(metrics));
  }

  /** Counts a batch's decisions by action, one counter update per action rather than per decision. */
  private void count(Outcomes outcomes) {
    int[] byOutcome = new int[outcomes.distinct().size()];
    for (int i = 0; i < outcomes.size(); i++) {
      byOutcome[outcomes.of(i)]++;
    }
    Map<String, Integer> byName = new HashMap<>();
    for (int o = 0; o < byOutcome.length; o++) {
      byName.merge(outcomes.distinct().get(o).action(), byOutcome[o], Integer::sum);
    }
    byName.forEach((action, n) -> counter(action).increment(n));
  }

  /**
   * Completes once the group's decisions are committed (at once when logging is off, without
   * building the group), or exceptionally as {@link AuditLog#append} says ({@link Failures} turns that
   * into a 503). The answer is written before, on the request's thread: what completes this future is
   * the audit log's one writer, which should only commit.
   */
  private CompletableFuture<Void> logged(java.util.function.Supplier<DecisionGroup> group) {
    if (!log) {
      return CompletableFuture.completedFuture(null);
    }
    return audit.append(group.get());
  }

  /** Refuses a score outside the model's score range; {@code i} is the request's index, -1 alone. */
  private static void checkRange(ActivePolicies.Active a, double score, int i) {
    if (a.scoreRange().isPresent() && !a.scoreRange().get().contains(score)) {
      ModelRef.ScoreRange range = a.scoreRange().get();
      throw ApiException.field((i < 0 ? "" : "/requests/" + i) + "/score", score
          + " is outside the model's score range [" + range.min() + ", " + range.max() + "]");
    }
  }

  private DecisionRecord record(ActivePolicies.Active a, String name, long now, String id,
      double score, Decision d, String attributesJson) {
    return new DecisionRecord(id, Instant.ofEpochMilli(now), name, a.version(), d.segment(),
        d.band(), d.action(), d.queue(), d.threshold(), score,
        d.route().label(), d.missingAttributes(), attributesJson);
  }
}
