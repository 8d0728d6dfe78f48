package dev.setpoint.server.http;

import java.util.List;

/**
 * The position of each attribute a policy matches on, in the order its decider takes them by position
 * ({@link dev.setpoint.policy.Decider#attributes()}), so that a request's attributes are read straight
 * into that form. Policies match on a few attributes, so a lookup is a scan: by identity first (the
 * JSON parser interns field names, and so do these), then by equality.
 */
final class AttributeSlots {

  private final String[] names;

  AttributeSlots(List<String> names) {
    this.names = new String[names.size()];
    for (int i = 0; i < this.names.length; i++) {
      this.names[i] = names.get(i).intern();
    }
  }

  /** How many attributes. */
  int size() {
    return names.length;
  }

  /** The position of attribute {@code name}, or -1 when the policy does not match on it. */
  int of(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i] == name) {
        return i;
      }
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
