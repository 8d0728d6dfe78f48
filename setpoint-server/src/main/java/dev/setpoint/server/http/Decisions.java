package dev.setpoint.server.http;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    Map.Entry<String, BatchRequest.Item> request = BatchRequest.parseSingle(body);
    String name = request.getKey();
    BatchRequest.Item item = request.getValue();
    ActivePolicies.Active a = active.of(name);
    checkRange(a, item.score(), "");
    long now = System.currentTimeMillis();
    DecisionRecord record = record(a, name, now, DecisionIds.next(now), item.score(),
        a.decider().decide(item.score(), item.attributes()), item.attributesJson());
    counter(record.action()).increment();
    byte[] answer = DecisionJson.single(record);
    return logged(() -> DecisionGroup.of(List.of(record))).thenApply(v -> answer);
  }

  /** {@code POST /v1/decide/batch}: up to {@code maxBatch} decisions under one policy. */
  CompletableFuture<byte[]> batch(byte[] body) {
    BatchRequest batch = BatchRequest.parse(body, maxBatch);
    String name = batch.policy();
    ActivePolicies.Active a = active.of(name);
    long now = System.currentTimeMillis();
    List<DecisionRecord> records = new ArrayList<>(batch.requests().size());
    String group = DecisionIds.next(now);
    for (int i = 0; i < batch.requests().size(); i++) {
      BatchRequest.Item item = batch.requests().get(i);
      checkRange(a, item.score(), "/requests/" + i);
      Decision d = a.decider().decide(item.score(), item.attributes());
      records.add(record(a, name, now, group + "." + i, item.score(), d, item.attributesJson()));
    }
    count(records);
    Outcomes outcomes = Outcomes.of(records);
    byte[] answer = batch.compact()
        ? DecisionJson.compactBatch(name, a.version(), now, group, outcomes)
        : DecisionJson.batch(name, a.version(), now, records);
    return logged(() -> DecisionGroup.of(records, outcomes)).thenApply(v -> answer);
  }

  /** {@code setpoint_decisions{action}}, the decisions made by action. */
  private Counter counter(String action) {
    return byAction.computeIfAbsent(action, k -> Counter.builder("setpoint_decisions")
        .tag("action", k).description("Decisions by action").register(metrics));
  }

  /** Counts a batch's decisions by action, one counter update per action rather than per decision. */
  private void count(List<DecisionRecord> records) {
    Map<String, int[]> counts = new java.util.HashMap<>();
    for (DecisionRecord r : records) {
      counts.computeIfAbsent(r.action(), k -> new int[1])[0]++;
    }
    counts.forEach((action, n) -> counter(action).increment(n[0]));
  }

  /**
   * Completes once the group's decisions are committed (at once when logging is off, without
   * building the group). The answer is written before, on the request's thread: what completes this
   * future is the audit log's one writer, which should only commit.
   */
  private CompletableFuture<Void> logged(java.util.function.Supplier<DecisionGroup> group) {
    if (!log) {
      return CompletableFuture.completedFuture(null);
    }
    return audit.append(group.get()).exceptionally(error -> {
      throw unavailable(error);
    });
  }

  private static CompletionException unavailable(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
    return new CompletionException(ApiException.unavailable("the decision could not be logged "
        + "durably, so it was not given: " + cause.getMessage()));
  }

  private static void checkRange(ActivePolicies.Active a, double score, String at) {
    if (a.scoreRange().isPresent() && !a.scoreRange().get().contains(score)) {
      ModelRef.ScoreRange range = a.scoreRange().get();
      throw ApiException.field(at + "/score", score + " is outside the model's score range ["
          + range.min() + ", " + range.max() + "]");
    }
  }

  private DecisionRecord record(ActivePolicies.Active a, String name, long now, String id,
      double score, Decision d, String attributesJson) {
    return new DecisionRecord(id, Instant.ofEpochMilli(now), name, a.version(), d.segment(),
        d.band(), d.action(), d.queue(), d.threshold(), score,
        d.route().label(), d.missingAttributes(), attributesJson);
  }
}
