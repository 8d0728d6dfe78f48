package dev.setpoint.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/policy.md carries the schema; it must be the published one, byte for byte. */
class SchemaDocumentationTest {

  @Test
  void documentedSchemaIsThePublishedSchema() throws IOException {
    String doc = Files.readString(Path.of("../docs/policy.md"));
    String appendix = doc.substring(doc.indexOf("## Appendix: the JSON Schema"));
    int start = appendix.indexOf("```json\n") + "```json\n".length();
    int end = appendix.indexOf("\n```", start);
    assertThat(appendix.substring(start, end).strip()).isEqualTo(PolicyDocuments.schema().strip());
  }
}
