package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.store.StoreLocation;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 1: two {@code serve} processes on one PostgreSQL database take decisions; one is
 * killed with SIGKILL under load; the clients carry on with the other; every decision either of them
 * answered 200 is in the shared audit log afterwards.
 */
class FleetCrashTest {

  private static final Pattern SERVING = Pattern.compile("serving on (http://\\S+)");
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  private record Instance(Process process, URI decide) {}

  /** Starts {@code serve} on {@code store} and waits until it serves. */
  private static Instance serve(String store, boolean demo) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "--port", "0", "--store", store));
    if (demo) {
      command.add("--demo");
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    StringBuilder log = new StringBuilder();
    String base = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
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
    assertThat(base).as("serve did not start:\n" + log).isNotNull();
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // keep the pipe empty
        }
      } catch (java.io.IOException e) {
        // the process died: expected
      }
    });
    drain.setDaemon(true);
    drain.start();
    return new Instance(p, URI.create(base + "/v1/decide"));
  }

  @Test
  void everyDecisionAcknowledgedByEitherInstanceSurvivesKillNineOfOne() throws Exception {
    String database = "setpoint_fleetcrash_" + ProcessHandle.current().pid();
    String admin = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database);
    }
    String store = "postgresql://postgres@127.0.0.1:5432/" + database;
    Instance killed = serve(store, true);
    Instance survivor = serve(store, false);
    try {
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      AtomicInteger bySurvivorAfterKill = new AtomicInteger();
      AtomicBoolean killedYet = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      List<Thread> clients = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        boolean startOnKilled = t % 2 == 0;
        Thread c = new Thread(() -> {
          // A client of the killed instance moves to the other at its first failure, as a load
          // balancer would send it there.
          URI target = startOnKilled ? killed.decide() : survivor.decide();
          while (!stop.get()) {
            try {
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(target)
                  .timeout(Duration.ofSeconds(5))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"policy\": \"card-fraud\", "
                      + "\"score\": " + Math.random() + ", \"attributes\": {\"jurisdiction\": "
                      + "\"EU\"}}")).build(), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() == 200) {
                Matcher m = ID.matcher(r.body());
                if (m.find()) {
                  acknowledged.add(m.group(1));
                  if (killedYet.get() && target.equals(survivor.decide())) {
                    bySurvivorAfterKill.incrementAndGet();
                  }
                }
              }
            } catch (Exception e) {
              target = survivor.decide();
            }
          }
        });
        c.start();
        clients.add(c);
      }
      Thread.sleep(3_000);
      killed.process().destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      killed.process().waitFor(30, TimeUnit.SECONDS);
      killedYet.set(true);
      Thread.sleep(1_500);
      stop.set(true);
      for (Thread c : clients) {
        c.join(10_000);
      }
      int found = 0;
      try (Store s = JdbcStore.postgresql(StoreLocation.jdbcUrl(store))) {
        for (String id : acknowledged) {
          found += s.decision(id).isPresent() ? 1 : 0;
        }
      }
      System.out.printf("fleet crash test (2 instances, PostgreSQL, one killed): acknowledged %d "
          + "(%d by the survivor after the kill), found %d, lost %d%n", acknowledged.size(),
          bySurvivorAfterKill.get(), found, acknowledged.size() - found);
      assertThat(acknowledged.size()).as("the load reached the servers").isGreaterThan(100);
      assertThat(bySurvivorAfterKill.get()).as("the survivor kept deciding").isPositive();
      assertThat(found).isEqualTo(acknowledged.size());
    } finally {
      killed.process().destroyForcibly();
      survivor.process().destroy();
      survivor.process().waitFor(30, TimeUnit.SECONDS);
      try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }
}
