package dev.setpoint.server.http;

import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.server.store.PolicyVersion;
import dev.setpoint.server.store.Store;
import dev.setpoint.spelling.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active version of each policy, compiled, as the decide endpoints use it. A decision takes one
 * {@link Active} and decides, answers and logs with it, so its answer and audit record name the
 * version that decided even when another is installed meanwhile.
 *
 * <p>Versions are installed from the store ({@link #refresh}: what {@link PolicySync} does when a
 * change is heard of or checked for) and by this instance's own activations ({@link #install}); each
 * comes with the event that activated it, and only a later event replaces a policy's version, so a
 * stale read of the store never undoes a newer activation.
 */
final class ActivePolicies {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      ActivePolicies.class);

  /**
   * A policy's active version, compiled.
   *
   * @param event the event that activated it ({@link Store.Active#event()})
   * @param slots the positions of the attributes its decider matches on
   */
  record Active(long version, long event, Decider decider, AttributeSlots slots) {}

  private final Store store;
  private final Map<String, Active> active = new ConcurrentHashMap<>();

  /** Compiles the active version of every policy in {@code store}. */
  ActivePolicies(Store store) {
    this.store = store;
    for (Store.Active v : store.activeVersions()) {
      install(v.name(), v.version(), v.event());
    }
  }

  /**
   * Installs each of {@code versions} (the store's active versions) that is newer than the one
   * served; a version that cannot be compiled is logged and the one before it kept.
   *
   * @return how many policies changed version
   */
  int refresh(List<Store.Active> versions) {
    int changed = 0;
    for (Store.Active v : versions) {
      Active now = active.get(v.name());
      if (now != null && now.event() >= v.event()) {
        continue;
      }
      try {
        if (install(v.name(), v.version(), v.event())) {
          changed++;
          LOG.info("policy {}: version {} decides now (event {}, was {})", v.name(), v.version(),
              v.event(), now == null ? "none" : Long.toString(now.version()));
        }
      } catch (ApiException | IllegalStateException e) {
        LOG.error("policy {}: version {} is active in the store but cannot be compiled ({}); "
            + "version {} keeps deciding here", v.name(), v.version(), e.getMessage(),
            now == null ? "none" : Long.toString(now.version()));
      }
    }
    return changed;
  }

  /**
   * The active version of {@code name}.
   *
   * A policy this instance has no version of is looked up in the store first, so one activated
   * through another instance moments ago decides here at once.
   *
   * @throws ApiException 404 for an unknown policy (suggesting the active policy whose name is
   *     closest, when one is close enough to be a typo), 409 for one with no active version
   */
  Active of(String name) {
    Active a = active.get(name);
    if (a != null) {
      return a;
    }
    // Activated through another instance a moment ago, before this one heard of it: read it now.
    refresh(store.activeVersions().stream().filter(v -> v.name().equals(name)).toList());
    a = active.get(name);
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

  /**
   * Compiles {@code version} of {@code name}, activated by {@code event}, and serves it from now on,
   * unless a later event's version is served already.
   *
   * @return whether it was installed
   */
  boolean install(String name, long version, long event) {
    Decider decider = Decider.compile(policy(name, version));
    Active compiled = new Active(version, event, decider, new AttributeSlots(decider.attributes()));
    return active.merge(name, compiled, (old, mine) -> old.event() >= mine.event() ? old : mine)
        == compiled;
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
