package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import dev.setpoint.spelling.Printable;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.Outcomes;
import dev.setpoint.server.store.RequestKey;
import dev.setpoint.server.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer a retried request gets: the decision its request id got before, from the audit log, as
 * the first answer gave it. The same id on another request is a 409. A batch is retried whole: its
 * {@code Idempotency-Key} names the earlier batch, or every request's {@code requestId} names its
 * decision of one earlier batch, in the same order; a decision of a batch can also be had alone with
 * {@code POST /v1/decide} and its {@code requestId}.
 */
final class StoredAnswers {

  private final Store store;

  StoredAnswers(Store store) {
    this.store = store;
  }

  /**
   * The stored answer to a single request with {@code key}; empty when the key is new.
   *
   * @throws ApiException 409 when the key was used on another request
   */
  Optional<byte[]> single(String principal, String key, String fingerprint) {
    RequestKey k = store.requestKeys(principal, List.of(key)).get(key);
    if (k == null) {
      return Optional.empty();
    }
    if (!k.fingerprint().equals(fingerprint)) {
      throw reused("Idempotency-Key or requestId", key, k);
    }
    DecisionRecord d = store.decision(k.decisionId()).orElseThrow(() -> missing(key, k));
    return Optional.of(DecisionJson.single(d));
  }

  /**
   * The stored answer to a batch; empty when none of its keys was used before.
   *
   * @param batchKey the batch's {@code Idempotency-Key}
   * @param batchFingerprint the whole batch's fingerprint, when it has a batch key
   * @param itemKeys each request's requestId, null where none; null when none has
   * @param itemFingerprints each request's fingerprint, where it has a key
   * @throws ApiException 409 when a key was used on another request, or the batch is not the same
   *     batch again
   */
  Optional<byte[]> batch(String principal, Optional<String> batchKey,
      @Nullable String batchFingerprint, String @Nullable [] itemKeys,
      String @Nullable [] itemFingerprints, int size, boolean compact) {
    List<String> wanted = new ArrayList<>();
    batchKey.ifPresent(wanted::add);
    if (itemKeys != null) {
      for (String k : itemKeys) {
        if (k != null) {
          wanted.add(k);
        }
      }
    }
    Map<String, RequestKey> found = store.requestKeys(principal, wanted);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    String group;
    if (batchKey.isPresent() && found.containsKey(batchKey.get())) {
      RequestKey k = found.get(batchKey.get());
      if (!k.fingerprint().equals(batchFingerprint)) {
        throw reused("Idempotency-Key", batchKey.get(), k);
      }
      group = k.decisionId();
    } else {
      group = sameBatch(itemKeys, itemFingerprints, found, size);
    }
    List<DecisionRecord> records = store.group(group);
    if (records.size() != size) {
      throw ApiException.conflict("request-id-conflict", "the request ids name an earlier request "
          + "of " + records.size() + " decision(s), not this batch of " + size);
    }
    DecisionRecord first = records.get(0);
    Outcomes outcomes = Outcomes.of(records);
    long at = first.at().toEpochMilli();
    return Optional.of(compact
        ? DecisionJson.compactBatch(first.policy(), first.version(), at, group, outcomes)
        : DecisionJson.batch(first.policy(), first.version(), at, group, outcomes));
  }

  /**
   * The earlier batch whose decisions every request's requestId names, in order.
   *
   * @throws ApiException 409 when they do not
   */
  private static String sameBatch(String @Nullable [] itemKeys,
      String @Nullable [] itemFingerprints, Map<String, RequestKey> found, int size) {
    String group = null;
    for (int i = 0; i < size; i++) {
      String key = itemKeys == null ? null : itemKeys[i];
      RequestKey k = key == null ? null : found.get(key);
      if (key == null || k == null) {
        RequestKey some = found.values().iterator().next();
        throw ApiException.conflict("request-id-conflict", "/requests/" + i + " has no requestId "
            + "that was decided before, but others of this batch do (such as "
            + Printable.quoted(some.key(), 60) + ", decision " + some.decisionId() + "): a batch is "
            + "retried whole, with the same requests in the same order; get the decided ones alone "
            + "with POST /v1/decide and their requestId, and send the rest as a new batch");
      }
      if (!k.fingerprint().equals(Objects.requireNonNull(itemFingerprints,
          "the fingerprints of a batch with request ids")[i])) {
        throw reused("/requests/" + i + "/requestId", key, k);
      }
      String id = k.decisionId();
      String expected = group == null ? null : group + "." + i;
      boolean inOrder = group == null ? id.endsWith(".0") : id.equals(expected);
      if (!inOrder) {
        throw ApiException.conflict("request-id-conflict", "/requests/" + i + "'s requestId "
            + Printable.quoted(key, 60) + " was decided as decision " + id + ", not as request " + i
            + " of the batch the others name: a batch is retried whole, with the same requests in "
            + "the same order; get that decision alone with POST /v1/decide and its requestId");
      }
      if (group == null) {
        group = id.substring(0, id.length() - 2);
      }
    }
    return Objects.requireNonNull(group, "a batch has at least one request");
  }

  private static ApiException reused(String where, String key, RequestKey k) {
    return ApiException.conflict("request-id-conflict", where + " " + Printable.quoted(key, 60)
        + " was used at " + k.at() + " for another request (another policy, score or "
        + "attributes); a retry must repeat its request exactly, and a new request needs a new id");
  }

  private static ApiException missing(String key, RequestKey k) {
    return ApiException.conflict("request-id-conflict", "request id " + Printable.quoted(key, 60)
        + " names decision " + k.decisionId() + ", which is not in the audit log");
  }
}
