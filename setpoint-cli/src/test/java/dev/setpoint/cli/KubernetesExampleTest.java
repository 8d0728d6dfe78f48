package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.setpoint.server.store.StoreLocation;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes example (deploy/kubernetes) against the server it deploys. No cluster runs here, so
 * the pod's process is started as the kubelet would start it: the Deployment's arguments with the
 * ConfigMap's values expanded, the Secret's files where the Deployment mounts them, and PGPASSFILE —
 * only the store's host (the example's is not reachable) and the port (8080 may be taken) changed, to
 * a fresh local PostgreSQL database and a free port. Its probes must answer 200 on the declared port,
 * and the Service, the mounts and the keys must reach what the container uses.
 */
class KubernetesExampleTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path EXAMPLE = ROOT.resolve("deploy/kubernetes");
  private static final Pattern SERVING = Pattern.compile("serving on (http://\\S+)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  @TempDir Path dir;

  private static JsonNode manifest(String file) throws IOException {
    return new YAMLMapper().readTree(Files.readString(EXAMPLE.resolve(file)));
  }

  private static JsonNode container() throws IOException {
    JsonNode containers = manifest("deployment.yaml").at("/spec/template/spec/containers");
    assertThat(containers.size()).as("containers in the pod").isEqualTo(1);
    return containers.get(0);
  }

  /** The container's environment as the kubelet builds it: values, and the ConfigMap's keys. */
  private static Map<String, String> environment() throws IOException {
    JsonNode configMap = manifest("configmap.yaml").path("data");
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : container().path("env")) {
      JsonNode ref = e.at("/valueFrom/configMapKeyRef");
      String value = ref.isMissingNode() ? e.path("value").asText()
          : configMap.path(ref.path("key").asText()).asText(null);
      assertThat(value).as("env " + e.path("name").asText() + " has a value").isNotNull();
      env.put(e.path("name").asText(), value);
    }
    return env;
  }

  private static int containerPort(String name) throws IOException {
    for (JsonNode p : container().path("ports")) {
      if (p.path("name").asText().equals(name)) {
        return p.path("containerPort").asInt();
      }
    }
    throw new AssertionError("the container has no port named " + name);
  }

  @Test
  void thePodsCommandStartsTheServerWhoseProbesAnswerOnTheDeclaredPort() throws Exception {
    Map<String, String> env = environment();
    String exampleStore = env.get("SETPOINT_STORE");
    assertThat(StoreLocation.jdbcUrl(exampleStore)).as("the ConfigMap's store URL")
        .startsWith("jdbc:postgresql://").doesNotContain("password=");

    // The Secret's files where the Deployment mounts them, under this test's directory.
    JsonNode spec = manifest("deployment.yaml").at("/spec/template/spec");
    JsonNode secret = manifest("secret.yaml").path("stringData");
    Map<String, Path> mounts = new HashMap<>();
    for (JsonNode m : container().path("volumeMounts")) {
      for (JsonNode v : spec.path("volumes")) {
        if (v.path("name").equals(m.path("name")) && v.has("secret")) {
          Path at = dir.resolve(m.path("mountPath").asText().substring(1));
          Files.createDirectories(at);
          for (JsonNode item : v.at("/secret/items")) {
            Files.writeString(at.resolve(item.path("path").asText()),
                secret.path(item.path("key").asText()).asText());
          }
          mounts.put(m.path("mountPath").asText(), at);
        }
      }
    }
    assertThat(mounts).as("a Secret mounted").isNotEmpty();

    int port = containerPort("http");
    int free;
    try (ServerSocket socket = new ServerSocket(0)) {
      free = socket.getLocalPort();
    }
    String database = "setpoint_k8s_" + ProcessHandle.current().pid();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    List<String> args = new ArrayList<>();
    for (JsonNode a : container().path("args")) {
      Matcher m = VARIABLE.matcher(a.asText());
      String arg = m.replaceAll(v -> Matcher.quoteReplacement(env.getOrDefault(v.group(1), v.group())));
      args.add(arg);
    }
    assertThat(args).as("the server listens on the container's port")
        .contains("--port=" + port).contains("--store=" + exampleStore);
    for (String arg : args) {
      command.add(local(arg.replace("--port=" + port, "--port=" + free).replace(exampleStore,
          "postgresql://postgres@127.0.0.1:5432/" + database), mounts));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    env.forEach((name, value) -> builder.environment().put(name, local(value, mounts)));
    assertThat(Path.of(builder.environment().get("PGPASSFILE"))).as("PGPASSFILE in the Secret").exists();

    String admin = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database);
    }
    Path output = dir.resolve("server.log");
    Process server = builder.redirectOutput(output.toFile()).start();
    try {
      String base = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (base == null && server.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
        Matcher m = SERVING.matcher(Files.readString(output));
        base = m.find() ? m.group(1).replace("0.0.0.0", "127.0.0.1") : null;
      }
      assertThat(base).as("the server did not start:\n" + Files.readString(output)).isNotNull();

      HttpClient http = HttpClient.newHttpClient();
      for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
        JsonNode get = container().path(probe).path("httpGet");
        assertThat(get.path("port").asText()).as(probe + "'s port").isEqualTo("http");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
            + get.path("path").asText())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(probe + " " + get.path("path").asText() + ": " + r.body())
            .isEqualTo(200);
      }
      // The Secret's tokens are in force: its placeholders match no token, so the API refuses.
      HttpResponse<String> policies = http.send(HttpRequest.newBuilder(URI.create(base
          + "/v1/policies")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(policies.statusCode()).isEqualTo(401);

      // SIGTERM after preStop: drained and committed within the grace period.
      int grace = spec.path("terminationGracePeriodSeconds").asInt();
      int preStop = Integer.parseInt(container().at("/lifecycle/preStop/exec/command/1").asText());
      server.destroy();
      assertThat(server.waitFor(grace - preStop, TimeUnit.SECONDS)).as("stopped within the grace")
          .isTrue();
      assertThat(Files.readString(output)).as("drained on SIGTERM").contains("audit log committed");
    } finally {
      server.destroyForcibly();
      try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  /** {@code value} with a path under a mounted directory moved to where this test wrote it. */
  private static String local(String value, Map<String, Path> mounts) {
    String result = value;
    for (Map.Entry<String, Path> m : mounts.entrySet()) {
      result = result.replace(m.getKey() + "/", m.getValue() + "/");
    }
    return result;
  }

  @Test
  void theServiceAndTheBudgetSelectTheDeploymentsPodsAndItsPort() throws IOException {
    JsonNode labels = manifest("deployment.yaml").at("/spec/template/metadata/labels");
    for (String file : List.of("service.yaml", "poddisruptionbudget.yaml")) {
      JsonNode selector = manifest(file).at("/spec/selector");
      JsonNode match = selector.has("matchLabels") ? selector.path("matchLabels") : selector;
      assertThat(match.size()).as(file + "'s selector").isPositive();
      match.fields().forEachRemaining(e -> assertThat(labels.path(e.getKey()))
          .as(file + " selects " + e.getKey()).isEqualTo(e.getValue()));
    }
    JsonNode target = manifest("service.yaml").at("/spec/ports/0/targetPort");
    assertThat(containerPort(target.asText())).isPositive();
    assertThat(manifest("deployment.yaml").at("/spec/replicas").asInt()).isEqualTo(3);
  }

  @Test
  void theContainerRunsAsTheImagesUserWithOnlyTmpWritable() throws IOException {
    JsonNode spec = manifest("deployment.yaml").at("/spec/template/spec");
    Matcher uid = Pattern.compile("(?m)^uid=(\\d+)$")
        .matcher(Files.readString(ROOT.resolve("deploy/image/build.sh")));
    assertThat(uid.find()).as("deploy/image/build.sh names the image's user").isTrue();
    assertThat(spec.at("/securityContext/runAsUser").asText()).isEqualTo(uid.group(1));
    assertThat(spec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(container().at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    List<String> writable = new ArrayList<>();
    for (JsonNode m : container().path("volumeMounts")) {
      if (!m.path("readOnly").asBoolean()) {
        writable.add(m.path("mountPath").asText());
      }
    }
    assertThat(writable).as("writable mounts").containsExactly("/tmp");
  }

  @Test
  void theKustomizationListsEveryManifest() throws IOException {
    List<String> resources = new ArrayList<>();
    manifest("kustomization.yaml").path("resources").forEach(r -> resources.add(r.asText()));
    try (Stream<Path> files = Files.list(EXAMPLE)) {
      assertThat(resources).containsExactlyInAnyOrderElementsOf(files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList());
    }
  }
}
