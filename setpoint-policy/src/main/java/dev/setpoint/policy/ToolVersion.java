package dev.setpoint.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * A Setpoint program and the version of the build it runs from, as a policy's provenance records it
 * ({@code tool: setpoint 0.1.0}) and {@code setpoint --version} prints it.
 *
 * <p>The version is the {@code Implementation-Version} of the jar this class was loaded from: the
 * shaded {@code setpoint.jar} and {@code setpoint-spark-job.jar} carry the project's version in their
 * manifests, and every Setpoint class in them shares it. Run from compiled classes (tests, an IDE)
 * there is no manifest and no version: a development build.
 *
 * @param name the program: {@code setpoint}, {@code setpoint-spark}, {@code setpoint explorer}
 * @param version the build's version; empty for a development build
 */
public record ToolVersion(String name, Optional<String> version) {

  /** Checks that the name and the version, if any, are text. */
  public ToolVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a tool name must be non-blank text, was '" + name + "'");
    }
    if (version.filter(String::isBlank).isPresent()) {
      throw new IllegalArgumentException("a tool version must be non-blank text, was '"
          + version.get() + "'");
    }
  }

  /** {@code name} at the version of this build (empty when run from classes). */
  public static ToolVersion of(String name) {
    return new ToolVersion(name,
        Optional.ofNullable(ToolVersion.class.getPackage().getImplementationVersion()));
  }

  /** As provenance records it: {@code setpoint 0.1.0}, or {@code setpoint development build}. */
  public String recorded() {
    return name + " " + version.orElse("development build");
  }

  /** As {@code --version} prints it: {@code setpoint 0.1.0}, or {@code setpoint (development build)}. */
  public String versionLine() {
    return name + " " + version.orElse("(development build)");
  }
}
