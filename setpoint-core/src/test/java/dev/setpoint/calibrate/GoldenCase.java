package dev.setpoint.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One case of a calibration golden file written by {@code src/test/python/make_calibration_goldens.py}:
 * its inputs (inline, or a {@code score,label} CSV under {@code src/test/resources}) and the JSON node
 * holding scikit-learn's outputs.
 */
record GoldenCase(String name, double[] scores, boolean[] labels, double[] weights, JsonNode node) {

  @Override
  public String toString() {
    return name;
  }

  /** The cases of {@code goldens/calibration/<kind>.json}, after checking the generator's versions. */
  static Stream<GoldenCase> load(String kind) {
    JsonNode root;
    try (InputStream in = resource("goldens/calibration/" + kind + ".json")) {
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(root.get("sklearn").asText()).isEqualTo("1.2.1");
    return StreamSupport.stream(root.get("cases").spliterator(), false).map(GoldenCase::of);
  }

  private static GoldenCase of(JsonNode c) {
    double[] scores;
    boolean[] labels;
    if (c.get("dataFile").isNull()) {
      scores = doubles(c.get("scores"));
      JsonNode y = c.get("labels");
      labels = new boolean[y.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = y.get(i).asInt() == 1;
      }
    } else {
      List<String> lines = readLines(c.get("dataFile").asText());
      scores = new double[lines.size()];
      labels = new boolean[lines.size()];
      for (int i = 0; i < lines.size(); i++) {
        String[] fields = lines.get(i).split(",");
        scores[i] = Double.parseDouble(fields[0]);
        labels[i] = Integer.parseInt(fields[1]) == 1;
      }
    }
    double[] weights = c.get("weights").isNull() ? null : doubles(c.get("weights"));
    return new GoldenCase(c.get("name").asText(), scores, labels, weights, c);
  }

  static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  private static List<String> readLines(String path) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(resource(path), StandardCharsets.UTF_8))) {
      reader.readLine(); // header score,label
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private static InputStream resource(String path) {
    InputStream in = GoldenCase.class.getClassLoader().getResourceAsStream(path);
    assertThat(in).as("test resource %s", path).isNotNull();
    return in;
  }
}
