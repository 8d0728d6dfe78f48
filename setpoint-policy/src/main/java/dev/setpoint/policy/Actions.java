package dev.setpoint.policy;

import java.util.List;

/** The actions every policy may use without declaring them. */
final class Actions {

  /** Stop the case. */
  public static final String BLOCK = "block";

  /** Send the case to a person. */
  public static final String REVIEW = "review";

  /** Let the case through. */
  public static final String ALLOW = "allow";

  /** {@link #BLOCK}, {@link #REVIEW} and {@link #ALLOW}. */
  public static final List<String> BUILT_IN = List.of(BLOCK, REVIEW, ALLOW);

  private Actions() {}
}
