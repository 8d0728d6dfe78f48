package dev.setpoint.cli.serve;

import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.http.Access;
import dev.setpoint.server.explorer.Explorer;
import dev.setpoint.server.http.DecisionServer;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.store.StoreLocation;
import dev.setpoint.server.tls.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
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
      "      --tls-cert /etc/setpoint/tls/fullchain.pem --tls-key /etc/setpoint/tls/privkey.pem"
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "setpoint-data",
      description = "Where the embedded store keeps its file (default: ${DEFAULT-VALUE}).")
  private Path dataDir;

  @Option(names = "--store", paramLabel = "URL",
      description = "Use PostgreSQL instead: postgresql://user[:password]@host[:port]/database.")
  private String store;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  private String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port (default: ${DEFAULT-VALUE}; 0 for any free port).")
  private int port;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "Serve HTTPS with this PEM certificate chain, the server's certificate first, "
          + "then its intermediates (certbot's fullchain.pem). Needs --tls-key.")
  private Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "The certificate's private key, PEM, unencrypted: PKCS#8 (BEGIN PRIVATE KEY, "
          + "certbot's privkey.pem), PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE "
          + "KEY).")
  private Path tlsKey;

  @Option(names = "--max-batch", paramLabel = "N", defaultValue = "10000",
      description = "The most requests in one /v1/decide/batch (default: ${DEFAULT-VALUE}).")
  private int maxBatch;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "On stop (SIGTERM, Ctrl-C): how long to wait for requests in flight to be "
          + "decided, logged and answered; new requests get 503 meanwhile (default: "
          + "${DEFAULT-VALUE}).")
  private int drainSeconds;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Tokens and their roles (decide, label, edit, read), YAML: tokens: [{name, "
          + "token or tokenSha256, roles}]. Without it every request is allowed (development).")
  private Path config;

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

  @Option(names = "--explorer-max-rows", paramLabel = "N", defaultValue = "10000000",
      description = "The most rows the explorer keeps in memory over all its data sets, about 16 to "
          + "48 bytes each (default: ${DEFAULT-VALUE}); the least recently used go first.")
  private long explorerMaxRows;

  @Option(names = "--explorer-max-datasets", paramLabel = "N", defaultValue = "8",
      description = "The most data sets the explorer keeps in memory (default: ${DEFAULT-VALUE}).")
  private int explorerMaxDatasets;

  @Option(names = "--explorer-max-upload-mb", paramLabel = "MB", defaultValue = "512",
      description = "The largest score file the explorer accepts, in MiB (default: ${DEFAULT-VALUE}).")
  private long explorerMaxUploadMb;

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
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be 0..65535, was " + port);
    }
    if (maxBatch < 1) {
      throw new ParameterException(spec.commandLine(), "--max-batch must be >= 1, was " + maxBatch);
    }
    if (drainSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--drain-timeout must be >= 0 seconds, was "
          + drainSeconds);
    }
    Explorer.Limits explorerLimits;
    try {
      explorerLimits = new Explorer.Limits(explorerMaxDatasets, explorerMaxRows,
          Math.multiplyExact(explorerMaxUploadMb, 1L << 20));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ParameterException(spec.commandLine(), "--explorer-max-rows, --explorer-max-datasets "
          + "and --explorer-max-upload-mb must be >= 1 (and the upload size below 8 EiB): "
          + e.getMessage());
    }
    Optional<TlsMaterial> tls = tls(err);
    Access access;
    try {
      access = config == null ? Access.open() : Access.read(config);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    JdbcStore opened;
    try {
      opened = StoreLocation.open(store, dataDir, durability);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try (Store s = opened) {
      if (demo) {
        loadDemo(s, err);
      }
      DecisionServer server = DecisionServer.start(s, new DecisionServer.Options(host, port, maxBatch,
          8L << 20, access, !noDecisionLog, java.time.Duration.ofSeconds(drainSeconds), tls),
          explorerLimits);
      if (noDecisionLog) {
        err.println("setpoint: warning: --no-decision-log: decisions are NOT logged (benchmark mode)");
      }
      if (!access.enforced()) {
        err.println("setpoint: warning: no --config with tokens: every request is allowed "
            + "(development mode)");
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
      String base = (tls.isPresent() ? "https://" : "http://") + host + ":" + server.port();
      err.printf("setpoint: serving on %s (store: %s)%n", base, store == null
          ? dataDir.resolve("setpoint.db").toAbsolutePath() + " (SQLite)" : "PostgreSQL");
      String curl = "curl -s ";
      if (tls.isPresent()) {
        X509Certificate leaf = tls.get().chain().get(0);
        err.printf("setpoint: TLS certificate %s, valid until %s; HTTP/2 and HTTP/1.1%n",
            leaf.getSubjectX500Principal().getName(), leaf.getNotAfter().toInstant());
        // A self-signed certificate is its own authority: curl must be told to trust it.
        if (leaf.getIssuerX500Principal().equals(leaf.getSubjectX500Principal())) {
          curl += "--cacert " + tlsCert + " ";
        }
      }
      err.printf("setpoint: threshold explorer at %s/explorer%n", base);
      if (demo) {
        err.println("setpoint: try:");
        err.println("  " + curl + base + "/v1/decide -d '{\"policy\": \"card-fraud\", \"score\": "
            + "0.9, \"attributes\": {\"jurisdiction\": \"EU\", \"tier\": \"premium\"}}'");
        err.println("  " + curl + base + "/v1/policies/card-fraud/versions");
        err.println("  " + curl + base + "/metrics");
      }
      err.flush();
      stopped.await();
      return 0;
    }
  }

  /**
   * The certificate chain and key of --tls-cert and --tls-key, read and checked before anything is
   * opened; a certificate outside its validity is served, with a warning.
   */
  private Optional<TlsMaterial> tls(PrintWriter err) throws IOException {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ParameterException(spec.commandLine(), tlsCert == null
          ? "--tls-key needs --tls-cert, the certificate chain the key belongs to"
          : "--tls-cert needs --tls-key, the certificate's private key");
    }
    if (tlsCert == null) {
      return Optional.empty();
    }
    TlsMaterial material;
    try {
      material = TlsMaterial.read(tlsCert, tlsKey);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    material.validityWarning(Instant.now()).ifPresent(warning ->
        err.println("setpoint: warning: --tls-cert " + tlsCert + ": " + warning));
    return Optional.of(material);
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
