package dev.setpoint.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the public API small: counts the top-level types in every module's {@code src/main/java} (this
 * module's siblings) and how many of them are public. A type is public only when another package needs
 * it; the rest stay package-private ({@code docs/architecture.md}, "Public types").
 *
 * <p>A top-level declaration is a line that starts, at column 0, with optional modifiers and {@code
 * class}, {@code interface}, {@code enum}, {@code record} or {@code @interface}: nested types are
 * indented, and so are Javadoc and comments. Every source file but {@code package-info.java} and {@code
 * module-info.java} must declare at least one, so a file this reading misses fails the test instead of
 * going uncounted.
 */
class PublicTypesTest {

  /**
   * The highest share of public top-level types allowed: at most half (issue 21). A new public type
   * needs another package that uses it; the limit comes down as modules hide more.
   */
  private static final double CEILING = 0.50;

  private static final Pattern TOP_LEVEL = Pattern.compile(
      "^(public\\s+)?((abstract|final|sealed|non-sealed|strictfp|static)\\s+)*"
          + "(class|interface|enum|record|@interface)\\s+\\w+",
      Pattern.MULTILINE);

  @Test
  void atMostTheCeilingOfTheTopLevelTypesArePublic() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(root.resolve("pom.xml")).as("the project root above this module").exists();
    Map<String, int[]> byModule = new TreeMap<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
        byModule.put(module.getFileName().toString(), count(module.resolve("src/main/java")));
      }
    }
    assertThat(byModule).as("modules with main sources").containsKeys("setpoint-core", "setpoint-bench");
    int all = 0;
    int open = 0;
    StringBuilder table = new StringBuilder("public / all top-level types in src/main/java:\n");
    for (Map.Entry<String, int[]> e : byModule.entrySet()) {
      table.append("  ").append(e.getKey()).append(' ').append(e.getValue()[0]).append('/')
          .append(e.getValue()[1]).append('\n');
      open += e.getValue()[0];
      all += e.getValue()[1];
    }
    table.append("  total ").append(open).append('/').append(all);
    System.out.println(table);
    assertThat((double) open / all).as(table.toString()).isLessThanOrEqualTo(CEILING);
  }

  @Test
  void aTopLevelDeclarationIsReadWithItsModifiers() {
    String source = "package p;\n\n/** Doc. */\n@Deprecated\npublic sealed interface A permits B {\n"
        + "  record Nested() {}\n}\n\nfinal class C {}\n";
    List<String> found = TOP_LEVEL.matcher(source).results().map(m -> m.group()).toList();
    assertThat(found).containsExactly("public sealed interface A", "final class C");
  }

  /** {public, all} top-level types under a source root. */
  private static int[] count(Path sources) throws IOException {
    int[] counts = new int[2];
    try (Stream<Path> files = Files.walk(sources)) {
      files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.endsWith("package-info.java") && !f.endsWith("module-info.java"))
          .forEach(f -> {
            int declared = 0;
            Matcher m = TOP_LEVEL.matcher(read(f));
            while (m.find()) {
              declared++;
              if (m.group(1) != null) {
                counts[0]++;
              }
            }
            assertThat(declared).as("top-level declarations in " + f).isPositive();
            counts[1] += declared;
          });
    }
    return counts;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }
}
