package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability: under load, the server process is killed with SIGKILL; every decision that was answered
 * 200 must be in the audit log afterwards. For the embedded store and for PostgreSQL.
 */
class ServeCrashTest {

  private static final Pattern SERVING = Pattern.compile("serving on (http://\\S+)");

  @TempDir Path dir;

  private record Outcome(int acknowledged, int found) {}

  private Outcome crashUnderLoad(List<String> storeArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "--demo", "--port", "0"));
    command.addAll(storeArgs);
    Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
    String base = null;
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
        StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    StringBuilder log = new StringBuilder();
    while (base == null && System.nanoTime() < deadline) {
      String line = out.readLine();
      if (line == null) {
        break;
      }
      log.append(line).append('\n');
      Matcher m = SERVING.matcher(line);
      if (m.find()) {
        base = m.group(1);
      }
    }
    assertThat(base).as("server did not start:\n" + log).isNotNull();
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // keep the pipe empty
        }
      } catch (java.io.IOException e) {
        // the process died: expected
      }
    });
    drain.start();

    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    URI decide = URI.create(base + "/v1/decide");
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread c = new Thread(() -> {
        while (!stop.get()) {
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(decide)
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"policy\": \"card-fraud\", \"score\": "
                    + Math.random() + ", \"attributes\": {\"jurisdiction\": \"EU\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
              Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(r.body());
              if (m.find()) {
                acknowledged.add(m.group(1));
              }
            }
          } catch (Exception e) {
            if (stop.get() || !server.isAlive()) {
              return;
            }
          }
        }
      });
      c.start();
      clients.add(c);
    }
    Thread.sleep(3_000);
    server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
    server.waitFor(30, TimeUnit.SECONDS);
    stop.set(true);
    for (Thread c : clients) {
      c.join(10_000);
    }
    return new Outcome(acknowledged.size(), countFound(storeArgs, acknowledged));
  }

  private int countFound(List<String> storeArgs, Set<String> ids) {
    try (Store store = storeArgs.get(0).equals("--data-dir")
        ? JdbcStore.sqlite(Path.of(storeArgs.get(1)))
        : JdbcStore.postgresql(dev.setpoint.server.store.StoreLocation.jdbcUrl(storeArgs.get(1)))) {
      int found = 0;
      for (String id : ids) {
        found += store.decision(id).isPresent() ? 1 : 0;
      }
      return found;
    }
  }

  @Test
  void everyAcknowledgedDecisionSurvivesKillNineOnTheEmbeddedStore() throws Exception {
    Outcome o = crashUnderLoad(List.of("--data-dir", dir.toString()));
    System.out.printf("crash test (SQLite): acknowledged %d, found %d, lost %d%n", o.acknowledged(),
        o.found(), o.acknowledged() - o.found());
    assertThat(o.acknowledged()).as("the load reached the server").isGreaterThan(100);
    assertThat(o.found()).isEqualTo(o.acknowledged());
  }

  @Test
  void everyAcknowledgedDecisionSurvivesKillNineWithoutAnFsyncPerCommit() throws Exception {
    Outcome o = crashUnderLoad(List.of("--data-dir", dir.toString(), "--durability",
        "PROCESS_CRASH"));
    System.out.printf("crash test (SQLite, PROCESS_CRASH): acknowledged %d, found %d, lost %d%n",
        o.acknowledged(), o.found(), o.acknowledged() - o.found());
    assertThat(o.acknowledged()).as("the load reached the server").isGreaterThan(100);
    assertThat(o.found()).isEqualTo(o.acknowledged());
  }

  @Test
  void everyAcknowledgedDecisionSurvivesKillNineOnPostgres() throws Exception {
    String database = "setpoint_crash_" + ProcessHandle.current().pid();
    String admin = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database);
    }
    try {
      Outcome o = crashUnderLoad(List.of("--store", "postgresql://postgres@127.0.0.1:5432/"
          + database));
      System.out.printf("crash test (PostgreSQL): acknowledged %d, found %d, lost %d%n",
          o.acknowledged(), o.found(), o.acknowledged() - o.found());
      assertThat(o.acknowledged()).as("the load reached the server").isGreaterThan(100);
      assertThat(o.found()).isEqualTo(o.acknowledged());
    } finally {
      try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }
}
