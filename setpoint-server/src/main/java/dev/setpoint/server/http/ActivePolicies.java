package dev.setpoint.server.http;

import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.server.store.PolicyVersion;
import dev.setpoint.server.store.Store;
import dev.setpoint.spelling.Suggestions;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The active version of each policy, compiled, as the decide endpoints use it. */
final class ActivePolicies {

  /**
   * A policy's active version, compiled.
   *
   * @param slots the positions of the attributes its decider matches on
   */
  record Active(long version, Decider decider, AttributeSlots slots) {}

  private final Store store;
  private final Map<String, Active> active = new ConcurrentHashMap<>();

  /** Compiles the active version of every policy in {@code store}. */
  ActivePolicies(Store store) {
    this.store = store;
    for (String name : store.policyNames()) {
      store.activeVersion(name).ifPresent(v -> compile(name, v));
    }
  }

  /**
   * The active version of {@code name}.
   *
   * @throws ApiException 404 for an unknown policy (suggesting the active policy whose name is
   *     closest, when one is close enough to be a typo), 409 for one with no active version
   */
  Active of(String name) {
    Active a = active.get(name);
    if (a != null) {
      return a;
    }
    if (store.latest(name).isEmpty()) {
      String hint = Suggestions.closest(name, new TreeSet<>(active.keySet()))
          .map(s -> " (did you mean '" + s + "'?)").orElse("");
      throw ApiException.notFound("no policy named '" + name + "'" + hint);
    }
    throw ApiException.conflict("no-active-version", "policy '" + name + "' has no active version; "
        + "activate one with POST /v1/policies/" + name + "/activate");
  }

  /** Compiles {@code version} of {@code name} and serves it from now on. */
  void compile(String name, long version) {
    Decider decider = Decider.compile(policy(name, version));
    active.put(name, new Active(version, decider, new AttributeSlots(decider.attributes())));
  }

  /** How many policies have an active version. */
  int size() {
    return active.size();
  }

  /**
   * A stored version, parsed.
   *
   * @throws ApiException 404 when there is no such version
   */
  Policy policy(String name, long version) {
    PolicyVersion v = store.policy(name, version).orElseThrow(() ->
        ApiException.notFound("no policy '" + name + "' version " + version));
    Validation parsed = PolicyDocuments.parse(v.document(), PolicyDocuments.Format.JSON, name);
    if (!(parsed instanceof Validation.Valid valid)) {
      throw new IllegalStateException("stored policy " + name + " v" + version + " is invalid");
    }
    return valid.policy().withVersion(Long.toString(version));
  }
}
