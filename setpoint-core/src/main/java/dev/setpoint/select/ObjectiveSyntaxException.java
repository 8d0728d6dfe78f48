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

  /**
   * What is wrong in one line, pointing at the bad part with the input from the bad token on when the
   * fault is inside the input and the problem does not already quote it: {@code a cost must be >= 0
   * (at 'fn=-10,fp=1')}. Usage errors, which quote the whole value before it, end with this.
   */
  public String problemInOneLine() {
    int at = Math.min(position, input.length());
    String rest = input.substring(at).trim();
    String token = rest.split("[,;]", 2)[0];
    return at == 0 || rest.isEmpty() || problem.contains(token) ? problem
        : problem + " (at '" + rest + "')";
  }
}
