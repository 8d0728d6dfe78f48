package dev.setpoint.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of a valid document are either valid or rejected with errors that carry a pointer
 * and a message; no exception escapes, and a document that passes compiles and decides.
 */
class MutationFuzzTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void treeMutationsAreValidOrRejectedNeverThrown() throws IOException {
    String example = Files.readString(Path.of("../examples/policies/card-fraud.yaml"));
    Policy policy = ((Validation.Valid) PolicyDocuments.parse(example, PolicyDocuments.Format.YAML,
        "x")).policy();
    JsonNode original = PolicyDocuments.toTree(policy);
    Random rnd = new Random(5);
    int valid = 0;
    int invalid = 0;
    for (int trial = 0; trial < 3000; trial++) {
      JsonNode doc = original.deepCopy();
      int mutations = 1 + rnd.nextInt(3);
      for (int m = 0; m < mutations; m++) {
        mutate(doc, rnd);
      }
      Validation v = PolicyDocuments.validate(doc, "fuzz");
      if (v instanceof Validation.Valid ok) {
        valid++;
        decideSomething(ok, rnd);
      } else {
        invalid++;
        for (Problem p : ((Validation.Invalid) v).errors()) {
          assertThat(p.pointer()).as("pointer of %s", p).matches("(/[^/]*)*");
          assertThat(p.message()).isNotBlank();
        }
      }
    }
    assertThat(valid).as("some mutations stay valid").isGreaterThan(100);
    assertThat(invalid).as("most mutations are caught").isGreaterThan(1000);
  }

  @Test
  void textMutationsAreValidOrRejectedNeverThrown() throws IOException {
    String example = Files.readString(Path.of("../examples/policies/card-fraud.yaml"));
    String json = PolicyDocuments.write(((Validation.Valid) PolicyDocuments.parse(example,
        PolicyDocuments.Format.YAML, "x")).policy(), PolicyDocuments.Format.JSON);
    Random rnd = new Random(9);
    String alphabet = "{}[]:,\"'- \n\t0.9eE+NaInfy#&*!|>%@`\\";
    for (int trial = 0; trial < 2000; trial++) {
      boolean yaml = rnd.nextBoolean();
      StringBuilder text = new StringBuilder(yaml ? example : json);
      for (int m = 0; m < 1 + rnd.nextInt(4); m++) {
        int at = rnd.nextInt(text.length());
        switch (rnd.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
          default -> text.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
      }
      Validation v = PolicyDocuments.parse(text.toString(),
          yaml ? PolicyDocuments.Format.YAML : PolicyDocuments.Format.JSON, "fuzz");
      if (v instanceof Validation.Valid ok) {
        decideSomething(ok, rnd);
      }
    }
  }

  private static void decideSomething(Validation.Valid ok, Random rnd) {
    Decider d = Decider.compile(ok);
    for (int i = 0; i < 20; i++) {
      Map<String, Object> request = new HashMap<>();
      request.put("jurisdiction", rnd.nextBoolean() ? "EU" : "US");
      request.put("tier", rnd.nextBoolean() ? "premium" : "standard");
      request.put("amount", rnd.nextInt(10000));
      Decision decision = d.decide(rnd.nextDouble(), request);
      assertThat(decision.policyVersion()).isNotEmpty();
    }
  }

  private static final String[] FIELDS = {"name", "match", "bands", "minScore", "action", "queue",
      "provenance", "model", "scoreRange", "gte", "lt", "segments", "actions", "objective",
      "jurisdiction", "tier", "amount", "version", "kind", "apiVersion"};

  private static void mutate(JsonNode root, Random rnd) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(rnd.nextInt(containers.size()));
    if (target instanceof ObjectNode obj) {
      List<String> names = new ArrayList<>();
      obj.fieldNames().forEachRemaining(names::add);
      String field = names.isEmpty() ? FIELDS[rnd.nextInt(FIELDS.length)]
          : names.get(rnd.nextInt(names.size()));
      switch (rnd.nextInt(4)) {
        case 0 -> obj.remove(field);
        case 1 -> obj.set(field, randomValue(rnd));
        case 2 -> {
          JsonNode v = obj.remove(field);
          if (v != null) {
            obj.set(typo(field, rnd), v);
          }
        }
        default -> obj.set(FIELDS[rnd.nextInt(FIELDS.length)], randomValue(rnd));
      }
    } else if (target instanceof ArrayNode arr && !arr.isEmpty()) {
      int i = rnd.nextInt(arr.size());
      switch (rnd.nextInt(4)) {
        case 0 -> arr.remove(i);
        case 1 -> arr.set(i, randomValue(rnd));
        case 2 -> arr.add(arr.get(i).deepCopy());
        default -> {
          int j = rnd.nextInt(arr.size());
          JsonNode a = arr.get(i);
          arr.set(i, arr.get(j));
          arr.set(j, a);
        }
      }
    }
  }

  private static String typo(String field, Random rnd) {
    if (field.length() < 2) {
      return field + "x";
    }
    int i = rnd.nextInt(field.length() - 1);
    char[] c = field.toCharArray();
    char t = c[i];
    c[i] = c[i + 1];
    c[i + 1] = t;
    return rnd.nextBoolean() ? new String(c) : field.toLowerCase();
  }

  private static JsonNode randomValue(Random rnd) {
    switch (rnd.nextInt(12)) {
      case 0:
        return NODES.numberNode(Double.NaN);
      case 1:
        return NODES.numberNode(Double.POSITIVE_INFINITY);
      case 2:
        return NODES.numberNode(rnd.nextDouble() * 3 - 1);
      case 3:
        return NODES.numberNode(rnd.nextInt(5) - 1);
      case 4:
        return NODES.textNode(rnd.nextBoolean() ? "review" : "");
      case 5:
        return NODES.nullNode();
      case 6:
        return NODES.booleanNode(rnd.nextBoolean());
      case 7:
        return NODES.objectNode();
      case 8:
        return NODES.arrayNode();
      case 9:
        return NODES.objectNode().put("gte", rnd.nextInt(100)).put("lt", rnd.nextInt(100));
      case 10:
        return NODES.arrayNode().add("EU").add(3);
      default:
        return NODES.textNode("a b/c~d");
    }
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      node.forEach(child -> collect(child, out));
    }
  }
}
