package dev.setpoint.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The description and footer of every {@code --help}, laid out so that an example can be copied as
 * it is: a line that starts with a space (an example, or the continuation of one after {@code \}) is
 * printed exactly as written, never wrapped; the other lines are prose, a line that does not end a
 * sentence joined with the next, and wrapped at the help's width — at spaces only, so a link such as {@code
 * docs/definitions.md#sketch-bounds} is never cut at its dot, as picocli's own wrapping does. The
 * list of commands is wrapped by the same rule.
 */
final class HelpLayout implements IHelpSectionRenderer {

  private final Function<UsageMessageSpec, String[]> section;

  private HelpLayout(Function<UsageMessageSpec, String[]> section) {
    this.section = section;
  }

  /** Lays out the description, commands and footer of {@code cli} and of all its subcommands. */
  static void apply(CommandLine cli) {
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION,
        new HelpLayout(UsageMessageSpec::description));
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER,
        new HelpLayout(UsageMessageSpec::footer));
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
    cli.getSubcommands().values().forEach(HelpLayout::apply);
  }

  /** Each subcommand's name and the first paragraph of its description, wrapped beside the name. */
  private static String commands(Help help) {
    Map<String, Help> subcommands = help.subcommands();
    int column = 2 + subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    String hanging = " ".repeat(column + 2);
    int width = help.commandSpec().usageMessage().width();
    StringBuilder out = new StringBuilder();
    subcommands.forEach((name, sub) -> {
      List<String> paragraph = new ArrayList<>();
      for (String line : sub.commandSpec().usageMessage().description()) {
        if (line.isBlank()) {
          break;
        }
        paragraph.add(line.strip());
      }
      String first = ("  " + name + " ".repeat(column)).substring(0, column);
      wrap(String.join(" ", paragraph), width, first, hanging, out);
    });
    return out.toString();
  }

  @Override
  public String render(Help help) {
    int width = help.commandSpec().usageMessage().width();
    StringBuilder out = new StringBuilder();
    List<String> paragraph = new ArrayList<>();
    for (String line : section.apply(help.commandSpec().usageMessage())) {
      if (line.isEmpty() || line.startsWith(" ")) {
        wrap(String.join(" ", paragraph), width, "", "", out);
        paragraph.clear();
        out.append(line).append(System.lineSeparator());
      } else {
        if (!paragraph.isEmpty() && endsSentence(paragraph.get(paragraph.size() - 1))) {
          wrap(String.join(" ", paragraph), width, "", "", out);
          paragraph.clear();
        }
        paragraph.add(line.strip());
      }
    }
    wrap(String.join(" ", paragraph), width, "", "", out);
    return out.toString();
  }

  /** Whether a prose line ends a sentence: the next line starts a line of its own. */
  private static boolean endsSentence(String line) {
    return line.endsWith(".") || line.endsWith(":") || line.endsWith("?") || line.endsWith("!");
  }

  /**
   * Appends {@code text} in lines of at most {@code width} characters, broken at spaces only, the
   * first line after {@code first} and the others after {@code rest}.
   */
  private static void wrap(String text, int width, String first, String rest, StringBuilder out) {
    if (text.isEmpty()) {
      return;
    }
    out.append(first);
    int column = first.length();
    boolean lineStart = true;
    String[] words = text.split(" +", -1);
    int count = words.length;
    while (count > 0 && words[count - 1].isEmpty()) {
      count--; // spaces at the end make no word
    }
    for (int w = 0; w < count; w++) {
      String word = words[w];
      if (!lineStart && column + 1 + word.length() > width) {
        out.append(System.lineSeparator()).append(rest);
        column = rest.length();
        lineStart = true;
      }
      if (!lineStart) {
        out.append(' ');
        column++;
      }
      out.append(word);
      column += word.length();
      lineStart = false;
    }
    out.append(System.lineSeparator());
  }
}
