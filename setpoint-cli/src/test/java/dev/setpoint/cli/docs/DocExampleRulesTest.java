package dev.setpoint.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules ReadmeExamplesTest runs the docs' examples by: words, blocks, and what "matches" means. */
class DocExampleRulesTest {

  @TempDir Path dir;

  @Test
  void wordsAreSplitAsAShellSplitsThem() {
    assertThat(ShellWords.split("./setpoint choose a.csv -O 'recall@precision>=0.95' -O \"cost:fn=10,fp=1\""))
        .containsExactly("./setpoint", "choose", "a.csv", "-O", "recall@precision>=0.95", "-O",
            "cost:fn=10,fp=1");
    assertThat(ShellWords.split("a 'it''s' \"say \\\"hi\\\" \\n\" b\\ c")).containsExactly("a", "its",
        "say \"hi\" \\n", "b c");
    assertThat(ShellWords.split("./setpoint x -o loans.yaml \\\n    --queue analysts"))
        .containsExactly("./setpoint", "x", "-o", "loans.yaml", "--queue", "analysts");
    assertThat(ShellWords.split("a '' b")).containsExactly("a", "", "b");
  }

  @Test
  void anUnterminatedQuoteIsRefusedRatherThanGuessed() {
    assertThatThrownBy(() -> ShellWords.split("a 'b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShellWords.split("a \"b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aChangedNumberFailsTheComparison() {
    List<String> shown = List.of("  rows               9,857 read, 9,857 used", "  ROC AUC            0.7055");
    assertThat(ShownOutput.matches(shown, List.of("  rows               9,857 read, 9,857 used",
        "  ROC AUC            0.7055"))).isTrue();
    assertThat(ShownOutput.matches(shown, List.of("  rows               9,857 read, 9,857 used",
        "  ROC AUC            0.7056"))).isFalse();
    assertThat(ShownOutput.matches(shown, List.of("  rows               9,857 read, 9,857 used")))
        .isFalse();
    assertThat(ShownOutput.diff(shown, List.of("  rows               9,857 read, 9,857 used",
        "  ROC AUC            0.7056"))).contains("-   ROC AUC            0.7055")
        .contains("+   ROC AUC            0.7056").contains("    rows");
  }

  @Test
  void anEllipsisStandsForWhatVariesAndNothingElse() {
    assertThat(ShownOutput.lineMatches("policy loans (version sha256:…), 517 positives",
        "policy loans (version sha256:3c3017365d04), 517 positives")).isTrue();
    assertThat(ShownOutput.lineMatches("policy loans (version sha256:…), 517 positives",
        "policy loans (version sha256:3c3017365d04), 518 positives")).isFalse();
    List<String> shown = List.of("first", "…", "last");
    assertThat(ShownOutput.matches(shown, List.of("first", "last"))).isTrue();
    assertThat(ShownOutput.matches(shown, List.of("first", "a", "b", "last"))).isTrue();
    assertThat(ShownOutput.matches(shown, List.of("first", "a", "b"))).isFalse();
    assertThat(ShownOutput.diff(shown, List.of("first", "a", "lost"))).contains("~ a")
        .contains("- last");
  }

  @Test
  void trailingBlanksAndBlankLinesAtTheEndDoNotCount() {
    assertThat(ShownOutput.lines("a  \nb\n\n")).containsExactly("a", "b");
    assertThat(ShownOutput.lines(" a\n\nb")).containsExactly(" a", "", "b");
  }

  @Test
  void aBlockIsAnExampleOnlyWhenItStartsWithASetpointOrCurlCommand() throws IOException {
    Files.writeString(dir.resolve("page.md"), String.join("\n",
        "text", "```", "$ ./setpoint evaluate a.csv \\", "    --at 0.5", "out 1", "", "out 2",
        "$ setpoint policy schema", "```", "```", "$ curl -s localhost:8080/healthz", "ok", "```",
        "```sh", "./setpoint serve --demo", "```", ""));
    List<DocExample> examples = DocExample.read(dir, "page.md");
    assertThat(examples).hasSize(2);
    DocExample e = examples.get(0);
    assertThat(e.where()).isEqualTo("page.md:3");
    assertThat(e.commands()).extracting(DocExample.Command::line).containsExactly(3, 8);
    assertThat(e.commands().get(0).expected()).containsExactly("out 1", "", "out 2");
    assertThat(ShellWords.split(e.commands().get(0).text())).containsExactly("./setpoint",
        "evaluate", "a.csv", "--at", "0.5");
    assertThat(e.commands().get(1).expected()).isEmpty();
    assertThat(examples.get(1).where()).isEqualTo("page.md:11");
    assertThat(examples.get(1).commands().get(0).expected()).containsExactly("ok");
  }

  @Test
  void idsAndInstantsOfAnAnswerArePlaceholdersAndNothingElseIs() {
    String answer = "{\"id\":\"01a207de-051f-7d10-a143-09708da0c2df\",\"band\":1,"
        + "\"at\":\"2026-11-23T10:05:20.543Z\"}";
    assertThat(ReadmeExamplesTest.volatileTokens(answer))
        .isEqualTo("{\"id\":\"<id>\",\"band\":1,\"at\":\"<instant>\"}");
    assertThat(ReadmeExamplesTest.volatileTokens("threshold 0.85, 2026-11-23"))
        .isEqualTo("threshold 0.85, 2026-11-23");
  }

  @Test
  void filesOfTheRepositoryAreUsedAndOtherFilesLiveInTheExamplesDirectory() {
    Path work = dir.resolve("work");
    assertThat(ReadmeExamplesTest.argument("examples/lending_club_bad_hgb_oof.csv", work))
        .endsWith("examples/lending_club_bad_hgb_oof.csv").doesNotStartWith(work.toString());
    assertThat(ReadmeExamplesTest.argument("loans.yaml", work))
        .isEqualTo(work.resolve("loans.yaml").toString());
    assertThat(ReadmeExamplesTest.argument("--policy=loans.yaml", work))
        .isEqualTo("--policy=" + work.resolve("loans.yaml"));
    assertThat(ReadmeExamplesTest.argument("0.95", work)).isEqualTo("0.95");
    assertThat(ReadmeExamplesTest.argument("0.1,0.3,0.5", work)).isEqualTo("0.1,0.3,0.5");
    assertThat(ReadmeExamplesTest.argument("recall@precision>=0.2", work))
        .isEqualTo("recall@precision>=0.2");
  }
}
