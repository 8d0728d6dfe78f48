package dev.setpoint.cli.docs;

import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.http.DecisionServer;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code setpoint serve --demo} runs — the decision service on an embedded store with the demo
 * policy (card-fraud, version 1) active — started in-process on a free port, for the docs' {@code $
 * curl} examples. A curl command line is sent as the request it describes, to this server instead of
 * {@code localhost:8080}.
 */
final class DemoService implements AutoCloseable {

  private final Store store;
  private final DecisionServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  DemoService(Path dir) throws IOException {
    store = JdbcStore.sqlite(dir);
    String text;
    try (InputStream in = DecisionServer.class.getResourceAsStream(
        "/dev/setpoint/server/demo/card-fraud.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Validation.Valid valid = (Validation.Valid) PolicyDocuments.parse(text,
        PolicyDocuments.Format.YAML, "card-fraud.yaml");
    store.putPolicy("card-fraud", PolicyDocuments.write(valid.policy(), PolicyDocuments.Format.JSON),
        valid.sha256(), "setpoint --demo", Optional.empty(), OptionalLong.of(0));
    store.activate("card-fraud", 1, PolicyEvent.Kind.ACTIVATE, "setpoint --demo", "demo");
    server = DecisionServer.start(store, DecisionServer.Options.defaults());
  }

  /**
   * Sends what a {@code curl} command line asks for and returns the body of the answer, as {@code curl
   * -s} prints it. Understood: {@code -s}, {@code -H 'Name: value'}, {@code -d BODY} (a POST unless
   * {@code -X} says otherwise), {@code -X METHOD} and one URL on {@code localhost:8080}; anything else
   * fails, so an example never runs as something other than what it shows.
   */
  String curl(List<String> words) throws IOException, InterruptedException {
    String method = null;
    String body = null;
    String url = null;
    List<String> headers = new ArrayList<>();
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      switch (w) {
        case "-s", "--silent" -> { }
        case "-H", "--header" -> headers.add(words.get(++i));
        case "-d", "--data", "--data-raw" -> body = words.get(++i);
        case "-X", "--request" -> method = words.get(++i);
        default -> {
          if (w.startsWith("-") || url != null) {
            throw new IllegalArgumentException("a docs curl example may use -s, -H, -d, -X and one "
                + "URL; found '" + w + "'");
          }
          url = w;
        }
      }
    }
    String prefix = url == null ? "" : url.replaceFirst("^http://", "");
    if (!prefix.startsWith("localhost:8080/")) {
      throw new IllegalArgumentException("a docs curl example asks localhost:8080, found " + url);
    }
    URI uri = URI.create("http://127.0.0.1:" + server.port()
        + prefix.substring("localhost:8080".length()));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    for (String h : headers) {
      int colon = h.indexOf(':');
      request.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
    }
    String verb = method != null ? method : body != null ? "POST" : "GET";
    request.method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
