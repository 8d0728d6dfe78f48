package dev.setpoint.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.setpoint.cli.ExitCodes;
import dev.setpoint.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every command example of the docs and compares what it prints with what the page shows, so that
 * the docs cannot drift from the product.
 *
 * <p>An example is a fenced block of README.md, docs/*.md or examples/README.md whose first line is
 * {@code $ ./setpoint …} (or {@code $ setpoint …}); each {@code $ } line in it is a command, the lines
 * after it its output (stdout, then stderr). The command is split into words as a shell would
 * ({@link ShellWords}) and run in-process through {@link Main#run} as if from the repository root:
 * a relative path that exists there is given as that file; any other file name (an output such as
 * {@code loans.yaml}, or a fixture) lives in a fresh directory per example; both directories are
 * removed from the printed paths again. Output is compared line by line by {@link ShownOutput}'s rule:
 * exact, except that {@code …} stands for what varies (a whole line of it for any lines). The exit
 * code must be 0, or 2/3 when the doc shows a {@code setpoint: error:} line.
 *
 * <p>Fixtures: the README's merge example sketches {@code part-1.csv} and {@code part-2.csv}, "two parts
 * of the Lending Club example"; every example's directory holds them, rows 1–4,999 and 5,000–9,857 of
 * examples/lending_club_bad_hgb_oof.csv.
 *
 * <p>A block that starts with {@code $ curl} is sent to the decision service as {@code setpoint serve
 * --demo} runs it, started in-process on a free port ({@link DemoService}); the answer is compared as
 * above, after ids and instants — new on every request — are replaced by placeholders in both the page
 * and the answer ({@link #volatileTokens}).
 *
 * <p>{@code setpoint serve} runs until it is stopped, so a {@code $ ./setpoint serve} block fails the
 * test with that reason: serve is shown without {@code $ }, its requests as {@code $ curl} blocks.
 */
class ReadmeExamplesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

  /** The demo service the curl examples ask, started by the first of them. */
  private DemoService service;
  private Path serviceDir;

  private static final Pattern FILE_NAME =
      Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*\\.[A-Za-z][A-Za-z0-9]*");

  /** The pages whose examples run: the README, every docs page, the examples' README. */
  static List<String> pages() throws IOException {
    List<String> pages = new ArrayList<>();
    pages.add("README.md");
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted()
          .forEach(p -> pages.add("docs/" + p.getFileName()));
    }
    pages.add("examples/README.md");
    return pages;
  }

  @TestFactory
  Stream<DynamicTest> everyCommandExampleInTheDocsPrintsWhatThePageShows() throws IOException {
    List<DocExample> examples = new ArrayList<>();
    for (String page : pages()) {
      examples.addAll(DocExample.read(ROOT, page));
    }
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.where(), () -> run(e)));
  }

  @AfterEach
  void stopTheService() throws IOException {
    if (service != null) {
      service.close();
      deleteTree(serviceDir);
    }
  }

  @Test
  void theReadmeHoldsTheExamplesThisTestRuns() throws IOException {
    // A parsing slip that found no example would make the test above pass without running anything.
    List<DocExample> readme = DocExample.read(ROOT, "README.md");
    assertThat(readme).hasSizeGreaterThanOrEqualTo(4);
    assertThat(readme.stream().mapToInt(e -> e.commands().size()).sum()).isGreaterThanOrEqualTo(7);
  }

  private void run(DocExample example) throws Exception {
    Path work = Files.createTempDirectory("setpoint-doc-example");
    try {
      writeFixtures(work);
      for (DocExample.Command command : example.commands()) {
        runOne(example, command, work);
      }
    } finally {
      deleteTree(work);
    }
  }

  private void runOne(DocExample example, DocExample.Command command, Path work) throws Exception {
    List<String> words = ShellWords.split(command.text());
    if (!words.isEmpty() && words.get(0).equals("curl")) {
      curl(example, command, words);
      return;
    }
    if (words.size() < 2 || !List.of("./setpoint", "setpoint").contains(words.get(0))) {
      fail(example.page() + ":" + command.line() + ": only setpoint commands can run in an example "
          + "block, found: " + command.text());
    }
    if (words.get(1).equals("serve")) {
      fail(example.page() + ":" + command.line() + ": 'setpoint serve' runs until it is stopped, so "
          + "it cannot be a $ example; show it without '$ ' (as the README's first command) and its "
          + "requests as $ curl examples");
    }
    String[] args = words.subList(1, words.size()).stream().map(w -> argument(w, work))
        .toArray(String[]::new);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    String printed = (out + err.toString()).replace(work + "/", "").replace(ROOT + "/", "");
    List<String> shown = ShownOutput.lines(String.join("\n", command.expected()));
    List<String> actual = ShownOutput.lines(printed);
    boolean showsError = shown.stream().anyMatch(l -> l.startsWith("setpoint: error:"));
    boolean codeOk = showsError ? code == ExitCodes.USAGE || code == ExitCodes.DATA_ERROR
        : code == ExitCodes.OK;
    if (!codeOk || !ShownOutput.matches(shown, actual)) {
      fail(example.page() + ":" + command.line() + ": the output differs from the doc\n"
          + "$ " + command.text() + "\n"
          + "exit code " + code + (codeOk ? "" : showsError ? " (expected 2 or 3)" : " (expected 0)")
          + "\n" + ShownOutput.diff(shown, actual));
    }
  }

  private void curl(DocExample example, DocExample.Command command, List<String> words)
      throws Exception {
    if (service == null) {
      serviceDir = Files.createTempDirectory("setpoint-doc-service");
      service = new DemoService(serviceDir);
    }
    String answer = service.curl(words);
    List<String> shown = ShownOutput.lines(volatileTokens(String.join("\n", command.expected())));
    List<String> actual = ShownOutput.lines(volatileTokens(answer));
    if (!ShownOutput.matches(shown, actual)) {
      fail(example.page() + ":" + command.line() + ": the answer differs from the doc\n"
          + "$ " + command.text() + "\n" + ShownOutput.diff(shown, actual));
    }
  }

  /** Ids (UUIDs) and instants replaced by placeholders: they differ on every request. */
  static String volatileTokens(String text) {
    return INSTANT.matcher(UUID.matcher(text).replaceAll("<id>")).replaceAll("<instant>");
  }

  /** A word as the command gets it: a file of the repository, or a file of the example's directory. */
  static String argument(String word, Path work) {
    if (word.startsWith("-")) {
      int eq = word.indexOf('=');
      return eq < 0 ? word : word.substring(0, eq + 1) + argument(word.substring(eq + 1), work);
    }
    if (!FILE_NAME.matcher(word).matches() || word.contains("..")) {
      return word;
    }
    Path inRepository = ROOT.resolve(word);
    return Files.exists(inRepository) ? inRepository.toString() : work.resolve(word).toString();
  }

  private static void writeFixtures(Path work) throws IOException {
    List<String> rows = Files.readAllLines(ROOT.resolve("examples/lending_club_bad_hgb_oof.csv"));
    int half = 5_000;
    List<String> first = new ArrayList<>(rows.subList(0, half));
    List<String> second = new ArrayList<>();
    second.add(rows.get(0));
    second.addAll(rows.subList(half, rows.size()));
    Files.write(work.resolve("part-1.csv"), first);
    Files.write(work.resolve("part-2.csv"), second);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
