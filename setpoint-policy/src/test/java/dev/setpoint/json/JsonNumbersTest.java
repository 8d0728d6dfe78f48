package dev.setpoint.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void undefinedIsNullInfinityIsTextWholeNumbersHaveNoFraction() throws Exception {
    ObjectNode node = JSON.createObjectNode();
    JsonNumbers.put(node, "undefined", Double.NaN);
    JsonNumbers.put(node, "flagNothing", Double.POSITIVE_INFINITY);
    JsonNumbers.put(node, "below", Double.NEGATIVE_INFINITY);
    JsonNumbers.put(node, "count", 517.0);
    JsonNumbers.put(node, "negativeZero", -0.0);
    JsonNumbers.put(node, "rate", 0.1133);
    JsonNumbers.put(node, "huge", 1e15);
    assertThat(JSON.writeValueAsString(node)).isEqualTo("{\"undefined\":null,"
        + "\"flagNothing\":\"+Infinity\",\"below\":\"-Infinity\",\"count\":517,\"negativeZero\":0,"
        + "\"rate\":0.1133,\"huge\":1.0E15}");
  }

  @Test
  void arraysFollowTheSameRuleAndEveryFiniteValueReadsBackExactly() throws Exception {
    ArrayNode array = JSON.createArrayNode();
    double[] values = {Double.NaN, Double.POSITIVE_INFINITY, 3.0, 0.1 + 0.2, 4.9e-324, -2.5};
    for (double v : values) {
      JsonNumbers.add(array, v);
    }
    String text = JSON.writeValueAsString(array);
    assertThat(text).isEqualTo("[null,\"+Infinity\",3,0.30000000000000004,4.9E-324,-2.5]");
    var read = JSON.readTree(text);
    for (int i = 2; i < values.length; i++) {
      assertThat(read.get(i).asDouble()).isEqualTo(values[i]);
    }
  }
}
