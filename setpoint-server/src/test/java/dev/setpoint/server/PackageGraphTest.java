package dev.setpoint.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's packages use each other in one direction only: the composition root ({@code
 * http.DecisionServer}) on top, route groups ({@code http}, {@code explorer}) below it, what they
 * share ({@code api}) and the services ({@code audit}, {@code monitor}, {@code store}, …) below them.
 * Read from the main sources: an import or a fully qualified name in code (not in comments) is a use.
 */
class PackageGraphTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/setpoint/server");
  private static final Pattern USE = Pattern.compile("\\bdev\\.setpoint\\.server\\.([a-z]\\w*)\\.");
  private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  @Test
  void theServersPackagesFormNoCycle() {
    Map<String, Set<String>> uses = uses(SOURCES);
    assertThat(uses).as("the packages read from %s", SOURCES.toAbsolutePath())
        .containsKeys("api", "explorer", "http", "store");
    assertThat(uses.get("explorer")).as("explorer's uses").contains("api");
    assertThat(cycle(uses)).as("a cycle between the server's packages (each uses the next)")
        .isEmpty();
  }

  @Test
  void aCycleIsFoundAndNamed() {
    Map<String, Set<String>> uses = new TreeMap<>(Map.of("http", Set.of("explorer", "api"),
        "explorer", Set.of("store", "http"), "api", Set.of(), "store", Set.of()));
    assertThat(cycle(uses)).contains(List.of("explorer", "http", "explorer"));
    uses.put("explorer", Set.of("store", "api"));
    assertThat(cycle(uses)).isEmpty();
  }

  @Test
  void explorerAndHttpShareOnlyWhatIsBelowThem() {
    Map<String, Set<String>> uses = uses(SOURCES);
    assertThat(uses.get("explorer")).doesNotContain("http");
    assertThat(uses.get("api")).doesNotContain("http", "explorer");
  }

  /** Each package (the first name below dev.setpoint.server) and the other packages it uses. */
  private static Map<String, Set<String>> uses(Path root) {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // a class in dev.setpoint.server itself is the root: it may use every package
        }
        String from = relative.getName(0).toString();
        Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
        String code = COMMENTS.matcher(Files.readString(file, StandardCharsets.UTF_8))
            .replaceAll(" ");
        Matcher m = USE.matcher(code);
        while (m.find()) {
          if (!m.group(1).equals(from)) {
            to.add(m.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return uses;
  }

  /** A cycle as the packages along it, the first repeated at the end; empty when there is none. */
  private static Optional<List<String>> cycle(Map<String, Set<String>> uses) {
    Set<String> done = new TreeSet<>();
    for (String start : uses.keySet()) {
      Optional<List<String>> found = cycleFrom(start, uses, new ArrayDeque<>(), done);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> cycleFrom(String node, Map<String, Set<String>> uses,
      Deque<String> path, Set<String> done) {
    if (path.contains(node)) {
      List<String> along = new ArrayList<>(path);
      List<String> cycle = new ArrayList<>(along.subList(along.indexOf(node), along.size()));
      cycle.add(node);
      return Optional.of(cycle);
    }
    if (done.contains(node)) {
      return Optional.empty();
    }
    path.addLast(node);
    for (String next : uses.getOrDefault(node, Set.of())) {
      Optional<List<String>> found = cycleFrom(next, uses, path, done);
      if (found.isPresent()) {
        return found;
      }
    }
    path.removeLast();
    done.add(node);
    return Optional.empty();
  }
}
