package dev.setpoint.cli.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command example in the docs: a fenced block whose first line is {@code $ ./setpoint …} (or
 * {@code $ setpoint …}, or {@code $ curl …} to the decision service), holding one or more commands,
 * each followed by the output it prints.
 *
 * @param page the page, relative to the repository root
 * @param line the 1-based line of the block's first command
 * @param commands the commands in order
 */
record DocExample(String page, int line, List<Command> commands) {

  /**
   * One command of an example and the output shown after it (up to the next {@code $ } line).
   *
   * @param text the command as written, without {@code $ }, continuation lines joined by {@code \\\n}
   * @param line its 1-based line in the page
   * @param expected the lines shown after it
   */
  record Command(String text, int line, List<String> expected) {}

  /** Where the example is, as {@code page:line}. */
  String where() {
    return page + ":" + line;
  }

  /** The examples of one page, in order. */
  static List<DocExample> read(Path root, String page) throws IOException {
    List<String> lines = Files.readAllLines(root.resolve(page));
    List<DocExample> examples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("```")) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      if (i + 1 < end && isExampleCommand(lines.get(i + 1))) {
        examples.add(new DocExample(page, i + 2, commands(lines.subList(i + 1, end), i + 2)));
      }
      i = end;
    }
    return List.copyOf(examples);
  }

  private static boolean isExampleCommand(String line) {
    return line.startsWith("$ ./setpoint ") || line.startsWith("$ setpoint ")
        || line.startsWith("$ curl ");
  }

  private static List<Command> commands(List<String> block, int firstLine) {
    List<Command> commands = new ArrayList<>();
    int i = 0;
    while (i < block.size()) {
      int at = i;
      StringBuilder text = new StringBuilder(block.get(i).substring(2));
      while (text.toString().endsWith("\\") && i + 1 < block.size()) {
        text.append('\n').append(block.get(++i));
      }
      List<String> expected = new ArrayList<>();
      while (++i < block.size() && !block.get(i).startsWith("$ ")) {
        expected.add(block.get(i));
      }
      commands.add(new Command(text.toString(), firstLine + at, List.copyOf(expected)));
    }
    return List.copyOf(commands);
  }
}
