package dev.setpoint.server.store;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

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

  /**
   * The time the group's id names, in epoch milliseconds, when it is a UUID version 7 (as the
   * service makes them: its first 48 bits are the decisions' time); else empty. A hint that lets a
   * lookup read one day's partition; a lookup that misses with it looks everywhere.
   */
  OptionalLong time() {
    if (group.length() != 36 || group.charAt(14) != '7') {
      return OptionalLong.empty();
    }
    try {
      UUID uuid = UUID.fromString(group);
      return uuid.version() == 7 ? OptionalLong.of(uuid.getMostSignificantBits() >>> 16)
          : OptionalLong.empty();
    } catch (IllegalArgumentException e) {
      return OptionalLong.empty(); // not a UUID after all: no hint, the lookup looks everywhere
    }
  }
}
