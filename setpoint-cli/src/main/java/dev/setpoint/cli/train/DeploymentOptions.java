package dev.setpoint.cli.train;

import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.cli.policy.PolicyFiles;
import dev.setpoint.select.Objective;
import dev.setpoint.select.PrecisionAtRecall;
import dev.setpoint.select.RecallAtPrecision;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedPrecision;
import dev.setpoint.stats.GuaranteedRecall;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What {@code setpoint train} writes and certifies (a picocli mixin): the deployed threshold's risk
 * {@code --delta}, the model file {@code -o} and, with {@code --policy}, the policy's file, name and
 * action.
 */
final class DeploymentOptions {

  @Spec(Spec.Target.MIXEE) private CommandSpec spec;

  @Option(names = "--delta", paramLabel = "D", defaultValue = "0.05",
      description = "Risk of the deployed threshold's guarantee, P(precision >= P) >= 1 - D "
          + "or P(recall >= R) >= 1 - D (default: ${DEFAULT-VALUE}).")
  private double delta;

  @Option(names = {"-o", "--output"}, converter = OutputPath.class, paramLabel = "MODEL",
      required = true,
      description = "Where to write the model file (JSON).")
  private Path output;

  @Option(names = "--policy", converter = OutputPath.class, paramLabel = "POLICY",
      description = "Also write the certified threshold as a policy (.yaml, .yml or .json); exit 3 "
          + "without one when no threshold is certified.")
  private Path policy;

  @Option(names = "--policy-name", paramLabel = "NAME",
      description = "With --policy: the policy's name (default: the policy file's name).")
  private String policyName;

  @Option(names = "--action", paramLabel = "ACTION", defaultValue = "review",
      description = "With --policy: the action above the threshold (default: ${DEFAULT-VALUE}).")
  private String action;

  /** The model file to write. */
  Path output() {
    return output;
  }

  /** The policy file to write, if --policy asks for one. */
  Optional<Path> policy() {
    return Optional.ofNullable(policy);
  }

  /** The policy's name: --policy-name, else the policy file's name. */
  String policyName() {
    return policyName != null ? policyName : PolicyFiles.nameFrom(policy);
  }

  /** The action of the band above the threshold. */
  String action() {
    return action;
  }

  /**
   * The guarantee for the deployed threshold; empty when the objective sets no precision or recall
   * target below 1 (then --policy is a usage error).
   *
   * @param given the objective as the command line gave it, for the message
   */
  Optional<Guarantee> guarantee(Objective target, String given) {
    if (!(delta > 0 && delta < 1)) {
      throw new ParameterException(spec.commandLine(), "--delta must be in (0, 1), was " + delta);
    }
    if (target instanceof RecallAtPrecision r && r.minPrecision() < 1) {
      return Optional.of(new GuaranteedPrecision(r.minPrecision(), delta));
    }
    if (target instanceof PrecisionAtRecall r && r.minRecall() < 1) {
      return Optional.of(new GuaranteedRecall(r.minRecall(), delta));
    }
    if (policy != null) {
      // MethodOptions admits only the two constrained objectives, so the target here is 1.
      throw new ParameterException(spec.commandLine(), "--policy needs a precision or recall target "
          + "below 1 to certify a threshold for, and the objective is '" + given + "' (a rate of "
          + "1 can never be certified from a sample)");
    }
    return Optional.empty();
  }

  /** Checks the policy options; -o and --policy were checked as the command line was read. */
  void checkPolicy() {
    if (policy == null) {
      if (policyName != null) {
        throw new ParameterException(spec.commandLine(), "--policy-name names the policy written "
            + "with --policy POLICY.yaml");
      }
      return;
    }
    if (!PolicyFiles.isDocumentName(policy)) {
      throw new ParameterException(spec.commandLine(), "--policy writes a policy document and "
          + "needs a .yaml, .yml or .json file name, was '" + policy + "'");
    }
    if (policy.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
      throw new ParameterException(spec.commandLine(), "--policy and -o name the same file '"
          + policy + "'");
    }
  }
}
