package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.setpoint.cli.docs.ShellWords;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's {@code --help}, as a newcomer copies from it. */
class HelpTextTest {

  private static final int WIDTH = 80;

  @Test
  void everyExampleOfEveryHelpIsACompleteCommandOnLinesThatFitEightyColumns() {
    List<String> checked = new ArrayList<>();
    for (String command : commands()) {
      CliRun run = CliRun.run(Stream.concat(Stream.of(command.split(" ")).skip(1),
          Stream.of("--help")).toArray(String[]::new));
      assertThat(run.code()).as(command).isZero();
      List<String> lines = run.out().lines().toList();
      assertThat(lines).as(command + " --help").allSatisfy(line ->
          assertThat(line.length()).as(line).isLessThanOrEqualTo(WIDTH));
      for (String example : examples(lines)) {
        List<String> words = words(example);
        assertThat(words.get(0)).isEqualTo("setpoint");
        assertThatCode(() -> new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(
            words.subList(1, words.size()).toArray(String[]::new)))
            .as(command + " --help: " + example).doesNotThrowAnyException();
        checked.add(example);
      }
    }
    assertThat(checked).hasSizeGreaterThan(30);
  }

  @Test
  void aLinkInAHelpIsNeverCutAtItsDot() {
    Pattern link = Pattern.compile("docs/\\S*");
    for (String command : commands()) {
      String help = CliRun.run(Stream.concat(Stream.of(command.split(" ")).skip(1),
          Stream.of("--help")).toArray(String[]::new)).out();
      Matcher m = link.matcher(help);
      while (m.find()) {
        assertThat(m.group()).as(command).matches("docs/[a-z-]+\\.md(#[a-z0-9-]+)?[).,;:]*");
      }
    }
  }

  @Test
  void aSharedOptionKeepsTheWordsOfEachCommandThatWordsItForItsContext() {
    // One declaration (ColumnOptions, PolicyOptions, ProgressDisplay.ModeOption, AttributeColumns);
    // policy diff and train word it in their resource bundles.
    assertThat(help("evaluate")).contains("Column holding the model score (default: score).",
        "Progress bar on stderr for reads over a second");
    assertThat(help("policy", "diff")).contains(
        "--score=COLUMN   With --data: the score column (default: score).",
        "With --data: the positive label value(s)", "With --data: read attribute NAME from COLUMN")
        .doesNotContain("Column holding");
    assertThat(help("decide")).contains("Read the policy attribute NAME from COLUMN");
    assertThat(help("train")).contains("With --policy: the policy's name",
        "With --policy: the action above the threshold", "otherwise one line per epoch")
        .doesNotContain("With -o");
    assertThat(help("choose")).contains("With -o: the policy's name",
        "With -o and one objective: the action of the");
  }

  private static String help(String... command) {
    CliRun run = CliRun.run(Stream.concat(Stream.of(command), Stream.of("--help"))
        .toArray(String[]::new));
    assertThat(run.code()).isZero();
    return run.out();
  }

  /** {@code setpoint}, {@code setpoint evaluate}, …, {@code setpoint policy validate}, …. */
  private static List<String> commands() {
    List<String> names = new ArrayList<>();
    collect(new CommandLine(new Main()), names);
    return names;
  }

  private static void collect(CommandLine cli, List<String> names) {
    names.add(cli.getCommandSpec().qualifiedName());
    cli.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        collect(sub, names);
      }
    });
  }

  /** The examples: lines that start {@code   setpoint }, with their {@code \} continuations. */
  private static List<String> examples(List<String> lines) {
    List<String> examples = new ArrayList<>();
    StringBuilder current = null;
    for (String line : lines) {
      if (current != null) {
        current.append(' ').append(line.strip());
      } else if (line.startsWith("  setpoint ")) {
        current = new StringBuilder(line.strip());
      }
      if (current != null && current.toString().endsWith("\\")) {
        current.setLength(current.length() - 1);
      } else if (current != null) {
        examples.add(current.toString());
        current = null;
      }
    }
    return examples;
  }

  /** A shell's words ({@link ShellWords}), up to a pipe, redirect or {@code &&}. */
  private static List<String> words(String command) {
    List<String> words = ShellWords.split(command);
    int end = words.size();
    for (int i = 0; i < words.size(); i++) {
      if (List.of("|", ">", "&&").contains(words.get(i))) {
        end = i;
        break;
      }
    }
    return words.subList(0, end);
  }
}
