package dev.setpoint.server.store;

import java.util.Optional;

/**
 * A decision id's group (the request that made it) and index: {@code g} is decision 0 of group
 * {@code g}; {@code g.i} is decision i of batch {@code g}.
 */
record DecisionKey(String group, int index, boolean indexed) {

  static Optional<DecisionKey> of(String id) {
    int dot = id.lastIndexOf('.');
    if (dot < 0) {
      return Optional.of(new DecisionKey(id, 0, false));
    }
    try {
      int index = Integer.parseInt(id, dot + 1, id.length(), 10);
      return index < 0 ? Optional.empty()
          : Optional.of(new DecisionKey(id.substring(0, dot), index, true));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  String id() {
    return indexed ? group + "." + index : group;
  }
}
