package dev.setpoint.cli.serve;

import dev.setpoint.cli.ExitCodes;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.audit.AuditLog;
import dev.setpoint.server.explorer.Explorer;
import dev.setpoint.server.http.DecisionServer;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.store.StoreException;
import dev.setpoint.server.store.StoreLocation;
import dev.setpoint.server.tls.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint serve}: runs the decision service. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the decision service: POST /v1/decide answers with the action of the active policy "
          + "version, after the decision's audit record is committed. Policies are versioned "
          + "(PUT /v1/policies/NAME), activated and rolled back with a reason; labels arrive at "
          + "POST /v1/labels. The store is a file under --data-dir (SQLite, nothing to install) "
          + "or PostgreSQL (--store).",
      "",
      "With --tls-cert and --tls-key it serves HTTPS only, HTTP/2 and HTTP/1.1 (TLS 1.2 and "
          + "1.3); or keep it on 127.0.0.1 behind a proxy that terminates TLS "
          + "(docs/operations.md#tls).",
      "",
      "Stops on Ctrl-C or SIGTERM: in-flight requests finish and the audit log is committed.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  setpoint serve --demo",
      "  setpoint serve --data-dir /var/lib/setpoint --port 8080",
      "  setpoint serve --store postgresql://postgres@127.0.0.1:5432/setpoint",
      "  setpoint serve --host 0.0.0.0 --port 8443 \\",
      "      --tls-cert /etc/setpoint/tls/fullchain.pem \\",
      "      --tls-key /etc/setpoint/tls/privkey.pem"
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private ServeOptions.Storage storage;

  @Mixin private ServeOptions.Address address;

  @Mixin private ServeOptions.Tls tls;

  @Option(names = "--max-batch", paramLabel = "N", defaultValue = "10000",
      description = "The most requests in one /v1/decide/batch (default: ${DEFAULT-VALUE}).")
  private int maxBatch;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "On stop (SIGTERM, Ctrl-C): how long to wait for requests in flight to be "
          + "decided, logged and answered; new requests get 503 meanwhile (default: "
          + "${DEFAULT-VALUE}).")
  private int drainSeconds;

  @Mixin private ServeOptions.Tokens tokens;

  @Mixin private ServeOptions.Limits limits;

  @Option(names = "--log-error-values",
      description = "Log store failures in full, with the statements and values the database "
          + "driver quotes (attribute values of decisions). For debugging; off, the log has the "
          + "database's short reason and an error id.")
  private boolean logErrorValues;

  @Option(names = "--durability", paramLabel = "LEVEL", defaultValue = "POWER_LOSS",
      description = "Embedded store: what an acknowledged decision survives, ${COMPLETION-CANDIDATES} "
          + "(default: ${DEFAULT-VALUE}: an fsync per commit; PROCESS_CRASH skips it and survives "
          + "kill -9 but not a power loss). PostgreSQL follows its own synchronous_commit.")
  private JdbcStore.Durability durability;

  @Option(names = "--no-decision-log",
      description = "For benchmarks only: answer decisions without logging them. There is then no "
          + "audit trail, no monitoring and no replay.")
  private boolean noDecisionLog;

  /** Log formats. */
  public enum LogFormat {
    TEXT,
    JSON
  }

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "text",
      description = "Log lines on stderr: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; json: "
          + "one JSON object per line, for log shippers).")
  private LogFormat logFormat;

  @Mixin private ServeOptions.ExplorerMemory explorer;

  @Option(names = "--demo",
      description = "Load and activate the example policy card-fraud (docs/policy.md) if the "
          + "store has no policy of that name, and print requests to try.")
  private boolean demo;

  @Override
  // The shutdown hook closes the store itself (see there): javac's "try" lint flags that on purpose.
  @SuppressWarnings("try")
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (logFormat == LogFormat.JSON) {
      jsonLogs();
    }
    address.checkPort();
    if (drainSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--drain-timeout must be >= 0 seconds, was "
          + drainSeconds);
    }
    if (maxBatch < 1) {
      throw new ParameterException(spec.commandLine(), "--max-batch must be >= 1, was " + maxBatch);
    }
    DecisionServer.Limits serverLimits = limits.limits(maxBatch);
    Explorer.Limits explorerLimits = explorer.limits();
    address.checkThisMachines();
    Optional<TlsMaterial> tlsMaterial = tls.read(err);
    Access access = tokens.access(address);
    boolean embedded = storage.embedded();
    Optional<java.time.Duration> retention = storage.retention();
    if (embedded) {
      storage.usableDataDir();
    }
    java.time.Duration commitTimeout = limits.commitTimeout();
    // One clock for the store and the server: every time they record or answer.
    java.time.Clock clock = java.time.Clock.systemUTC();
    JdbcStore opened;
    try {
      opened = StoreLocation.open(storage.location(logErrorValues), storage.dataDir(), durability,
          commitTimeout, clock);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (StoreException.InUse e) {
      // Another serve has this --data-dir: the message names it and says what serves a fleet.
      err.println("setpoint: error: " + e.getMessage());
      return ExitCodes.DATA_ERROR;
    } catch (StoreException e) {
      return storeUnusable(err, String.valueOf(e.getMessage()), embedded);
    }
    try (Store s = opened) {
      if (demo) {
        try {
          loadDemo(s, err);
        } catch (StoreException e) {
          return storeUnusable(err, String.valueOf(e.getMessage()), embedded);
        }
      }
      DecisionServer server;
      try {
        server = DecisionServer.start(s, new DecisionServer.Options(address.host(), address.port(),
            access, !noDecisionLog, java.time.Duration.ofSeconds(drainSeconds), serverLimits,
            commitTimeout, tokens.allowedOrigins(), logErrorValues, limits.requestIdRetention(),
            tlsMaterial, AuditLog.Sizes.defaults(), DecisionServer.PolicyChecks.defaults(),
            retention), explorerLimits, clock);
      } catch (DecisionServer.StartException e) {
        // The address is this machine's (checked above): the port is taken, or privileged.
        throw address.portTaken();
      }
      if (noDecisionLog) {
        err.println("setpoint: warning: --no-decision-log: decisions are NOT logged (benchmark mode)");
      }
      if (!access.enforced()) {
        err.println("setpoint: warning: no --config with tokens: every request is allowed "
            + "(development mode)" + (address.loopback() ? ""
            : ", from the network (--insecure-no-auth)"));
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        err.println("setpoint: stopping: finishing requests in flight, committing the audit log");
        err.flush();
        server.close();
        // Closed here: once the hooks finish the JVM halts, before call() could close it.
        s.close();
        stopped.countDown();
      }, "setpoint-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      String base = (tlsMaterial.isPresent() ? "https://" : "http://") + address.host() + ":"
          + server.port();
      err.printf("setpoint: serving on %s (store: %s)%n", base, storage.described());
      String curl = "curl -s ";
      if (tlsMaterial.isPresent()) {
        X509Certificate leaf = tlsMaterial.get().chain().get(0);
        err.printf("setpoint: TLS certificate %s, valid until %s; HTTP/2 and HTTP/1.1%n",
            leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant());
        // A self-signed certificate is its own authority: curl must be told to trust it.
        if (leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())) {
          curl += "--cacert " + tls.cert() + " ";
        }
      }
      err.printf("setpoint: threshold explorer at %s/explorer%n", base);
      if (demo) {
        err.println("setpoint: try:");
        err.println("  " + curl + base + "/v1/decide -H 'Content-Type: application/json' "
            + "-d '{\"policy\": \"card-fraud\", \"score\": 0.9, "
            + "\"attributes\": {\"jurisdiction\": \"EU\", \"tier\": \"premium\"}}'");
        err.println("  " + curl + base + "/v1/policies");
        err.println("  " + curl + base + "/v1/policies/card-fraud/versions");
        err.println("  " + curl + base + "/metrics");
      }
      err.flush();
      stopped.await();
      return 0;
    }
  }

  /**
   * The store cannot be used — PostgreSQL cannot be reached or refuses, the embedded file is not a
   * store, its schema cannot be migrated: a data error (exit {@value ExitCodes#DATA_ERROR}) in one line,
   * with no stack trace (the message names the store, never its password).
   */
  private static int storeUnusable(PrintWriter err, String why, boolean embedded) {
    err.println("setpoint: error: " + why + (embedded
        ? " (is --data-dir the store's directory? A file that is not a store can be moved away; "
            + "serve then starts a new one)"
        : " (check that PostgreSQL runs and accepts connections there, and the user, password and "
            + "database of --store)"));
    return ExitCodes.DATA_ERROR;
  }

  /** Switches the stderr appender of logback.xml to JSON lines. */
  private static void jsonLogs() {
    ch.qos.logback.classic.LoggerContext context =
        (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        (ch.qos.logback.core.ConsoleAppender<ch.qos.logback.classic.spi.ILoggingEvent>)
            root.getAppender("STDERR");
    if (appender == null) {
      throw new IllegalStateException("logback.xml has no STDERR appender");
    }
    appender.stop();
    ch.qos.logback.classic.encoder.JsonEncoder encoder = new ch.qos.logback.classic.encoder.JsonEncoder();
    encoder.setContext(context);
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithContext(false);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithMDC(false);
    encoder.start();
    appender.setEncoder(encoder);
    appender.start();
  }

  private static void loadDemo(Store s, PrintWriter err) throws IOException {
    if (s.latest("card-fraud").isPresent()) {
      err.println("setpoint: demo: policy card-fraud is already in the store; leaving it as it is");
      return;
    }
    String text;
    try (InputStream in = DecisionServer.class.getResourceAsStream("/dev/setpoint/server/demo/"
        + "card-fraud.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the demo policy is missing from the jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Validation.Valid valid = (Validation.Valid) PolicyDocuments.parse(text,
        PolicyDocuments.Format.YAML, "card-fraud.yaml");
    s.putPolicy("card-fraud", PolicyDocuments.write(valid.policy(), PolicyDocuments.Format.JSON),
        valid.sha256(), "setpoint --demo", Optional.of("the worked example of docs/policy.md"),
        OptionalLong.of(0));
    s.activate("card-fraud", 1, PolicyEvent.Kind.ACTIVATE, "setpoint --demo", "demo");
    err.println("setpoint: demo: loaded and activated policy card-fraud, version 1");
  }
}
