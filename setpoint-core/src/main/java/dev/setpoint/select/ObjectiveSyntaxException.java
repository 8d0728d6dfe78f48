package dev.setpoint.select;

/**
 * An objective string that cannot be read. The message quotes the input and points at the bad token:
 *
 * <pre>
 * recall@precision&gt;=1.5
 *                   ^ precision target must be in (0, 1], was 1.5
 * </pre>
 */
public final class ObjectiveSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String input;
  private final int position;
  private final String problem;

  /**
   * @param input the whole objective string
   * @param position the index of the bad token in {@code input}
   * @param problem what is wrong, as a plain sentence fragment
   */
  public ObjectiveSyntaxException(String input, int position, String problem) {
    super(problem + " at position " + position + ":\n  " + input + "\n  " + " ".repeat(position) + "^");
    this.input = input;
    this.position = position;
    this.problem = problem;
  }

  /** The objective string as given. */
  public String input() {
    return input;
  }

  /** The index of the bad token. */
  public int position() {
    return position;
  }

  /** What is wrong, without the pointer. */
  public String problem() {
    return problem;
  }
}
