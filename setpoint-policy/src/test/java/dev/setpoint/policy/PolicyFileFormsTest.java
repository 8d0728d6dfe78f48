package dev.setpoint.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy file that is not a policy document in the form its name says: the one problem says what
 * it is and what to do, on one line, without the parser's words.
 */
class PolicyFileFormsTest {

  @TempDir Path dir;

  private Problem onlyError(Path file) throws Exception {
    Validation v = PolicyDocuments.read(file);
    assertThat(v).isInstanceOf(Validation.Invalid.class);
    assertThat(((Validation.Invalid) v).errors()).hasSize(1);
    return ((Validation.Invalid) v).errors().get(0);
  }

  @Test
  void aCompressedOrBinaryFileIsSaidToBeNoTextDocument() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(PolicyValidationTest.BASE.getBytes(StandardCharsets.UTF_8));
    }
    Path file = Files.write(dir.resolve("policy.yaml"), gz.toByteArray());
    assertThat(onlyError(file).message()).isEqualTo("is not a text file: it is gzip-compressed; a "
        + "policy is a YAML (.yaml, .yml) or JSON (.json) text document");
  }

  @Test
  void aYamlDocumentNamedJsonIsToldToBeRenamed() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.json"), PolicyValidationTest.BASE);
    assertThat(onlyError(file).message()).isEqualTo("not valid JSON: the document is YAML (name the "
        + "file .yaml or .yml)");
  }

  @Test
  void aYamlSyntaxErrorIsOneLineWithItsPosition() throws Exception {
    Path file = Files.writeString(dir.resolve("policy.yaml"), "name: x\nsegments:\n  - a: [\n");
    Problem p = onlyError(file);
    assertThat(p.message()).startsWith("not valid YAML: ").doesNotContain("\n")
        .doesNotContain("^").doesNotContain("<stream end>");
    assertThat(p.position()).isPresent();
  }
}
