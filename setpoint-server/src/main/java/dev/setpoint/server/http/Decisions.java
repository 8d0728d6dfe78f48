package dev.setpoint.server.http;

import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.server.audit.AuditLog;
import dev.setpoint.server.store.DecisionGroup;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.Outcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.setpoint.server.store.RequestKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The decide endpoints without their transport: a request body in, the answer's bytes out once the
 * decisions are durably logged. Bad input fails at once with an {@link ApiException}; a log that
 * cannot commit fails the future ({@link Failures} answers 503).
 *
 * <p>A request with a request id (the {@code Idempotency-Key} header, or {@code requestId} in the
 * body, per request of a batch too) that was decided before gets that decision again, from the audit
 * log ({@link StoredAnswers}); its id is stored with its decisions, in the same transaction, so that
 * the store settles a retry that races its original, on any instance. Without the decision log
 * (benchmarks) request ids are not kept.
 */
final class Decisions {

  /**
   * Who asks.
   *
   * @param principal the token's name, whose request ids these are
   * @param idempotencyKey the {@code Idempotency-Key} header, null when absent
   */
  record Caller(String principal, String idempotencyKey) {}

  /**
   * An answer.
   *
   * @param body the JSON
   * @param replayed whether it is a decision made before, given again for a retry
   */
  record Answer(byte[] body, boolean replayed) {}

  private final ActivePolicies active;
  private final AuditLog audit;
  private final StoredAnswers stored;
  private final boolean log;
  private final int maxBatch;
  private final MeterRegistry metrics;
  private final Clock clock;
  private final Map<String, Counter> byAction = new ConcurrentHashMap<>();

  /**
   * @param log whether decisions are logged before they are answered
   * @param maxBatch the most requests in one batch
   * @param clock the time decisions are made at (their records, ids and answers)
   */
  Decisions(ActivePolicies active, AuditLog audit, StoredAnswers stored, boolean log, int maxBatch,
      MeterRegistry metrics, Clock clock) {
    this.active = active;
    this.audit = audit;
    this.stored = stored;
    this.log = log;
    this.maxBatch = maxBatch;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * {@code POST /v1/decide}: one decision.
   *
   * @param executor where a retry that raced its original looks up the original's answer
   */
  CompletableFuture<Answer> single(byte[] body, Caller caller, Executor executor) {
    BatchRequest.Single request = BatchRequest.parseSingle(body, active);
    Optional<String> key = RequestKeys.of(caller.idempotencyKey(), request.requestId(),
        "/requestId").filter(k -> log);
    ActivePolicies.Active a = request.active();
    checkScore(a, request.score());
    Optional<String> fingerprint = key.map(k -> RequestKeys.fingerprint(request.policy(),
        request.score(), request.attributesJson()));
    Supplier<Optional<byte[]>> before = () -> stored.single(caller.principal(), key.get(),
        fingerprint.get());
    if (key.isPresent()) {
      Optional<byte[]> answer = before.get();
      if (answer.isPresent()) {
        return CompletableFuture.completedFuture(new Answer(answer.get(), true));
      }
    }
    long now = clock.millis();
    DecisionRecord record = record(a, request.policy(), now, DecisionIds.next(now),
        request.score(), a.decider().decide(request.score(), request.values()),
        request.attributesJson());
    byte[] answer = DecisionJson.single(record);
    List<RequestKey> keys = key.map(k -> List.of(new RequestKey(caller.principal(), k,
        fingerprint.get(), record.id(), record.at()))).orElse(List.of());
    return logged(() -> DecisionGroup.of(List.of(record)).withKeys(keys)).thenApply(v -> {
      counter(record.action()).increment();
      return new Answer(answer, false);
    }).exceptionallyCompose(e -> raced(e, before, executor));
  }

  /**
   * {@code POST /v1/decide/batch}: up to {@code maxBatch} decisions under one policy. No record or id
   * is built per decision: the answer and the audit group are written from the batch id, the distinct
   * outcomes with an index per decision, and the requests' own JSON text.
   *
   * @param executor where a retry that raced its original looks up the original's answer
   */
  CompletableFuture<Answer> batch(byte[] body, Caller caller, Executor executor) {
    BatchRequest batch = BatchRequest.parse(body, maxBatch, active);
    String name = batch.policy();
    ActivePolicies.Active a = batch.active();
    double[] scores = batch.scores(); // each one checked by BatchRequest against Decider.refusal
    Optional<String> batchKey = RequestKeys.of(caller.idempotencyKey(), Optional.empty(),
        "Idempotency-Key").filter(k -> log);
    String[] itemKeys = log ? batch.requestIds() : null;
    String[] fingerprints = batchKey.isPresent() || itemKeys != null ? fingerprints(batch) : null;
    String batchFingerprint = batchKey.isPresent() && fingerprints != null
        ? RequestKeys.fingerprint(name, Arrays.asList(fingerprints)) : null;
    Supplier<Optional<byte[]>> before = () -> stored.batch(caller.principal(), batchKey,
        batchFingerprint, itemKeys, fingerprints, batch.size(), batch.compact());
    if (fingerprints != null) {
      Optional<byte[]> answer = before.get();
      if (answer.isPresent()) {
        return CompletableFuture.completedFuture(new Answer(answer.get(), true));
      }
    }
    Decider decider = a.decider();
    long now = clock.millis();
    String group = DecisionIds.next(now);
    Object[][] values = batch.values();
    Outcomes.Builder<Decision> taken = new Outcomes.Builder<>(batch.size(), Decisions::outcome);
    for (int i = 0; i < scores.length; i++) {
      taken.add(decider.decide(scores[i], values[i]));
    }
    Outcomes outcomes = taken.build();
    byte[] answer = batch.compact()
        ? DecisionJson.compactBatch(name, a.version(), now, group, outcomes)
        : DecisionJson.batch(name, a.version(), now, group, outcomes);
    List<RequestKey> keys = new ArrayList<>();
    Instant at = Instant.ofEpochMilli(now);
    if (batchKey.isPresent() && batchFingerprint != null) {
      keys.add(new RequestKey(caller.principal(), batchKey.get(), batchFingerprint, group, at));
    }
    for (int i = 0; itemKeys != null && fingerprints != null && i < itemKeys.length; i++) {
      if (itemKeys[i] != null) {
        keys.add(new RequestKey(caller.principal(), itemKeys[i], fingerprints[i], group + "." + i,
            at));
      }
    }
    return logged(() -> DecisionGroup.ofBatch(group, at, name, a.version(), outcomes,
        batch.inputs()).withKeys(keys)).thenApply(v -> {
          count(outcomes);
          return new Answer(answer, false);
        }).exceptionallyCompose(e -> raced(e, before, executor));
  }

  /** Each request's fingerprint ({@link RequestKeys#fingerprint(String, double, String)}). */
  private static String[] fingerprints(BatchRequest batch) {
    DecisionGroup.BatchInputs inputs = batch.inputs();
    int[] spans = inputs.spans();
    String[] out = new String[batch.size()];
    for (int i = 0; i < out.length; i++) {
      String attributes = spans[4 * i + 2] < 0 ? "{}" : new String(inputs.text(),
          spans[4 * i + 2], spans[4 * i + 3] - spans[4 * i + 2], StandardCharsets.UTF_8);
      out[i] = RequestKeys.fingerprint(batch.policy(), batch.scores()[i], attributes);
    }
    return out;
  }

  /**
   * When a request's id was stored first by another request (its original, racing it), the answer
   * that request got; other failures as they are. The lookup reads the store, so it runs on {@code
   * executor}, not on the audit log's writer that completed the future.
   */
  private static CompletableFuture<Answer> raced(Throwable failure,
      Supplier<Optional<byte[]>> before, Executor executor) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (!(cause instanceof AuditLog.KeyTakenException)) {
      return CompletableFuture.failedFuture(cause);
    }
    return CompletableFuture.supplyAsync(() -> new Answer(before.get().orElseThrow(() ->
        ApiException.unavailable("the request id was taken by another request that is not in the "
            + "audit log yet; retry shortly")), true), executor);
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

  /**
   * Refuses a score the policy cannot decide (not finite, outside the model's score range): the
   * policy's one rule, {@link dev.setpoint.policy.Decider#refusal}.
   */
  private static void checkScore(ActivePolicies.Active a, double score) {
    a.decider().refusal(score).ifPresent(why -> {
      throw ApiException.field("/score", why);
    });
  }

  private DecisionRecord record(ActivePolicies.Active a, String name, long now, String id,
      double score, Decision d, String attributesJson) {
    return new DecisionRecord(id, Instant.ofEpochMilli(now), name, a.version(), d.segment(),
        d.band(), d.action(), d.queue(), d.threshold(), score,
        d.route().label(), d.missingAttributes(), attributesJson);
  }
}
