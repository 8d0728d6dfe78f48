package dev.setpoint.cli.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does, for the subset the docs use: blanks separate
 * words; {@code '…'} quotes everything literally; {@code "…"} quotes everything but {@code \"},
 * {@code \\}, {@code \$} and {@code \`}; a backslash outside quotes escapes the next character, and a
 * backslash before a newline continues the line (both vanish, as in {@code sh}). No expansion,
 * redirection or pipes: a word is what the shell would pass as one argument.
 */
public final class ShellWords {

  private ShellWords() {}

  /**
   * The words of {@code line}.
   *
   * @throws IllegalArgumentException for an unterminated quote or a trailing backslash
   */
  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        if (i + 1 == line.length()) {
          throw new IllegalArgumentException("a backslash ends the command: " + line);
        }
        char next = line.charAt(++i);
        if (next != '\n') {
          word.append(next);
          inWord = true;
        }
      } else if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated ' in: " + line);
        }
        word.append(line, i + 1, end);
        inWord = true;
        i = end;
      } else if (c == '"') {
        i = doubleQuoted(line, i + 1, word);
        inWord = true;
      } else if (c == ' ' || c == '\t' || c == '\n') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Appends the double-quoted text from {@code from} and returns the index of the closing quote. */
  private static int doubleQuoted(String line, int from, StringBuilder word) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i + 1 < line.length() && "\"\\$`\n".indexOf(line.charAt(i + 1)) >= 0) {
        char next = line.charAt(++i);
        if (next != '\n') {
          word.append(next);
        }
      } else {
        word.append(c);
      }
    }
    throw new IllegalArgumentException("unterminated \" in: " + line);
  }
}
