package dev.setpoint.cli.serve;

import dev.setpoint.cli.ExitCodes;
import dev.setpoint.cli.UnusableValue;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.api.Access;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
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
      "      --tls-cert /etc/setpoint/tls/fullchain.pem \\",
      "      --tls-key /etc/setpoint/tls/privkey.pem"
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "setpoint-data",
      description = "Where the embedded store keeps its file (default: ${DEFAULT-VALUE}).")
  private Path dataDir;

  @Option(names = "--store", paramLabel = "URL",
      description = "Use PostgreSQL instead: postgresql://user[:password]@host[:port]/database.")
  private @Nullable String store;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  private String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port (default: ${DEFAULT-VALUE}; 0 for any free port).")
  private int port;

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "Serve HTTPS with this PEM certificate chain, the server's certificate first, "
          + "then its intermediates (certbot's fullchain.pem). Needs --tls-key.")
  private @Nullable Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "The certificate's private key, PEM, unencrypted: PKCS#8 (BEGIN PRIVATE KEY, "
          + "certbot's privkey.pem), PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE "
          + "KEY).")
  private @Nullable Path tlsKey;

  @Option(names = "--max-batch", paramLabel = "N", defaultValue = "10000",
      description = "The most requests in one /v1/decide/batch (default: ${DEFAULT-VALUE}).")
  private int maxBatch;

  @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "On stop (SIGTERM, Ctrl-C): how long to wait for requests in flight to be "
          + "decided, logged and answered; new requests get 503 meanwhile (default: "
          + "${DEFAULT-VALUE}).")
  private int drainSeconds;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Tokens and their roles (decide, label, edit, read, upload), YAML: tokens: "
          + "[{name, token or tokenSha256, roles}]. Without it every request is allowed "
          + "(development).")
  private @Nullable Path config;

  @Option(names = "--insecure-no-auth",
      description = "Allow serving without --config (no tokens: anyone who can reach the port may "
          + "decide, edit, activate and roll back policies) on an address other than loopback. "
          + "Without it, serve refuses to start that way.")
  private boolean insecureNoAuth;

  @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
      description = "A web origin (scheme://host[:port]) besides this server's own whose pages may "
          + "send changes (POST, PUT) through their visitors' browsers; repeatable. Requests a "
          + "browser sends from any other site are refused (403). Behind a proxy, give the public "
          + "origin, e.g. https://setpoint.example.com.")
  private java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

  @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1000",
      description = "The most open connections; more wait to be accepted (default: "
          + "${DEFAULT-VALUE}).")
  private int maxConnections;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Close a connection idle for this long, between requests or within one "
          + "(default: ${DEFAULT-VALUE}).")
  private int idleSeconds;

  @Option(names = "--read-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "The longest a decide request's body may take to arrive; 408 beyond (default: "
          + "${DEFAULT-VALUE}).")
  private int readSeconds;

  @Option(names = "--max-body-memory-mb", paramLabel = "MB", defaultValue = "128",
      description = "The most memory all request bodies being read may hold at once, in MiB; "
          + "requests beyond it are answered 503 (default: ${DEFAULT-VALUE}).")
  private long maxBodyMemoryMb;

  @Option(names = "--commit-timeout", paramLabel = "SECONDS", defaultValue = "5",
      description = "The longest a decision waits for its audit commit, and a store write may take; "
          + "beyond it the decision is refused with 503 and /readyz says not ready (default: "
          + "${DEFAULT-VALUE}).")
  private int commitSeconds;

  @Option(names = "--auth-failures-per-minute", paramLabel = "N", defaultValue = "30",
      description = "Failed authentications (missing or wrong token) allowed per client address "
          + "and minute; beyond them the address is answered 429 for the rest of the minute. 0 "
          + "switches the limit off, e.g. behind a proxy (default: ${DEFAULT-VALUE}).")
  private int authFailuresPerMinute;

  @Option(names = "--request-id-retention", paramLabel = "HOURS", defaultValue = "24",
      description = "How long clients' request ids (Idempotency-Key, requestId) are kept: a retry "
          + "within it gets the original decision, after it a new one (default: ${DEFAULT-VALUE}).")
  private long requestIdRetentionHours;

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

  @Option(names = "--explorer-max-rows", paramLabel = "N", defaultValue = "10000000",
      description = "The most rows the explorer keeps in memory over all its data sets, about 16 to "
          + "48 bytes each (default: ${DEFAULT-VALUE}); an upload makes room by dropping the "
          + "least recently used of its owner's data sets and the examples, never another user's: "
          + "when that is not enough it is refused (503).")
  private long explorerMaxRows;

  @Option(names = "--explorer-max-datasets", paramLabel = "N", defaultValue = "8",
      description = "The most data sets the explorer keeps in memory, examples included (default: "
          + "${DEFAULT-VALUE}).")
  private int explorerMaxDatasets;

  @Option(names = "--explorer-quota-datasets", paramLabel = "N", defaultValue = "4",
      description = "The most data sets one user (a token's name; \"anonymous\" without --config) "
          + "may have uploaded at once; beyond it their least recently used go (default: "
          + "${DEFAULT-VALUE}).")
  private int explorerQuotaDatasets;

  @Option(names = "--explorer-quota-rows", paramLabel = "N", defaultValue = "5000000",
      description = "The most rows over one user's uploaded data sets, also the largest file they "
          + "may upload; beyond it their least recently used go (default: ${DEFAULT-VALUE}).")
  private long explorerQuotaRows;

  @Option(names = "--explorer-idle-minutes", paramLabel = "MINUTES", defaultValue = "240",
      description = "Drop an explorer data set nobody has used for this long, to free memory "
          + "(default: ${DEFAULT-VALUE}).")
  private long explorerIdleMinutes;

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
    if (drainSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--drain-timeout must be >= 0 seconds, was "
          + drainSeconds);
    }
    DecisionServer.Limits limits = limits();
    Explorer.Limits explorerLimits;
    try {
      explorerLimits = new Explorer.Limits(explorerMaxDatasets, explorerMaxRows,
          Math.multiplyExact(explorerMaxUploadMb, 1L << 20), explorerQuotaDatasets,
          explorerQuotaRows, java.time.Duration.ofMinutes(explorerIdleMinutes));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ParameterException(spec.commandLine(), "--explorer-max-rows, "
          + "--explorer-max-datasets, --explorer-max-upload-mb, --explorer-quota-datasets, "
          + "--explorer-quota-rows and --explorer-idle-minutes must be >= 1 (and the upload size "
          + "below 8 EiB): " + e.getMessage());
    }
    thisMachines(host);
    Optional<TlsMaterial> tls = tls(err);
    Access access;
    try {
      access = config == null ? Access.open() : Access.read(config);
    } catch (IllegalArgumentException e) {
      throw new UnusableValue(spec.commandLine(), "--config " + e.getMessage());
    } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
      throw new UnusableValue(spec.commandLine(), "--config " + config + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : "permission denied")
          + " (give the YAML file of tokens, docs/operations.md#access)");
    }
    if (!access.enforced() && !insecureNoAuth && !loopback(host)) {
      throw new ParameterException(spec.commandLine(), "--host " + host + " without --config would "
          + "let anyone who can reach the port decide, edit, activate and roll back policies; give "
          + "--config with tokens (docs/operations.md#access), or --insecure-no-auth to serve that "
          + "way anyway");
    }
    for (String origin : allowedOrigins) {
      if (DecisionServer.normalOrigin(origin).isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--allowed-origin must be "
            + "scheme://host[:port], such as https://setpoint.example.com, was '" + origin + "'");
      }
    }
    boolean embedded = store == null || store.isBlank();
    if (embedded) {
      usableDataDir();
    }
    java.time.Duration commitTimeout = java.time.Duration.ofSeconds(commitSeconds);
    // One clock for the store and the server: every time they record or answer.
    java.time.Clock clock = java.time.Clock.systemUTC();
    JdbcStore opened;
    try {
      // The driver leaves statement parameters and DETAIL lines out of its text unless asked.
      String location = logErrorValues && store != null && !store.isBlank()
          ? store + (store.contains("?") ? "&" : "?") + "logServerErrorDetail=true" : store;
      opened = StoreLocation.open(location, dataDir, durability, commitTimeout, clock);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
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
        server = DecisionServer.start(s, new DecisionServer.Options(host, port, access,
            !noDecisionLog, java.time.Duration.ofSeconds(drainSeconds), limits, commitTimeout,
            java.util.Set.copyOf(allowedOrigins), logErrorValues,
            java.time.Duration.ofHours(requestIdRetentionHours), tls), explorerLimits, clock);
      } catch (DecisionServer.StartException e) {
        // The address is this machine's (checked above): the port is taken, or privileged.
        throw new UnusableValue(spec.commandLine(), "--port " + port + ": cannot listen on "
            + host + ":" + port + ", another process holds it" + (port < 1024 ? " or ports below "
            + "1024 need privileges" : "") + " (choose another --port, or stop the process that "
            + "holds it)");
      }
      if (noDecisionLog) {
        err.println("setpoint: warning: --no-decision-log: decisions are NOT logged (benchmark mode)");
      }
      if (!access.enforced()) {
        err.println("setpoint: warning: no --config with tokens: every request is allowed "
            + "(development mode)" + (loopback(host) ? "" : ", from the network (--insecure-no-auth)"));
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

  /**
   * Creates --data-dir if missing and checks that the store can be written there: a usage error
   * naming the directory otherwise, before anything is opened.
   */
  private void usableDataDir() {
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      throw new UnusableValue(spec.commandLine(), "--data-dir " + dataDir + " is a file, not a "
          + "directory (give a directory; it is created if missing)");
    }
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : e instanceof java.nio.file.FileAlreadyExistsException f ? f.getFile() + " is a file"
          : e instanceof java.nio.file.FileSystemException f && f.getReason() != null
              ? f.getReason().toLowerCase(java.util.Locale.ROOT) : e.getClass().getSimpleName();
      throw new UnusableValue(spec.commandLine(), "--data-dir " + dataDir + " cannot be created: "
          + reason + " (give a directory this user may create or write to)");
    }
    if (!Files.isWritable(dataDir)) {
      throw new UnusableValue(spec.commandLine(), "--data-dir " + dataDir + " is not writable by "
          + "this user (give a directory it may write to, or change the directory's owner)");
    }
  }

  /** Checks that --host names an address of this machine, so that a failed start means the port. */
  private void thisMachines(String address) {
    java.net.InetAddress resolved;
    try {
      resolved = java.net.InetAddress.getByName(address);
    } catch (java.net.UnknownHostException e) {
      throw new UnusableValue(spec.commandLine(), "--host " + address + ": no such host name "
          + "(give an address of this machine: 127.0.0.1, or 0.0.0.0 for all)");
    }
    boolean local;
    try {
      local = resolved.isAnyLocalAddress() || resolved.isLoopbackAddress()
          || java.net.NetworkInterface.getByInetAddress(resolved) != null;
    } catch (java.net.SocketException e) {
      throw new UncheckedIOException(e);
    }
    if (!local) {
      throw new UnusableValue(spec.commandLine(), "--host " + address + " is not an address of "
          + "this machine (give one of its addresses, 127.0.0.1, or 0.0.0.0 for all)");
    }
  }

  /** The limits the options give, each checked with a message naming its option. */
  private DecisionServer.Limits limits() {
    if (maxBatch < 1) {
      throw new ParameterException(spec.commandLine(), "--max-batch must be >= 1, was " + maxBatch);
    }
    positive("--max-connections", maxConnections);
    positive("--idle-timeout", idleSeconds);
    positive("--read-timeout", readSeconds);
    positive("--commit-timeout", commitSeconds);
    positive("--request-id-retention", requestIdRetentionHours);
    if (maxBodyMemoryMb < 8 || maxBodyMemoryMb > (1L << 20)) {
      throw new ParameterException(spec.commandLine(), "--max-body-memory-mb must be at least 8 "
          + "(one largest body, 8 MiB) and at most 1048576, was " + maxBodyMemoryMb);
    }
    if (authFailuresPerMinute < 0) {
      throw new ParameterException(spec.commandLine(), "--auth-failures-per-minute must be >= 0 "
          + "(0: no limit), was " + authFailuresPerMinute);
    }
    return new DecisionServer.Limits(maxBatch, 8L << 20, maxBodyMemoryMb << 20, maxConnections,
        java.time.Duration.ofSeconds(idleSeconds), java.time.Duration.ofSeconds(readSeconds),
        authFailuresPerMinute);
  }

  private void positive(String option, long value) {
    if (value < 1) {
      throw new ParameterException(spec.commandLine(), option + " must be >= 1, was " + value);
    }
  }

  /** Whether {@code host} names only this machine (127.0.0.0/8, ::1, localhost). */
  private static boolean loopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
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
    if (tlsCert == null || tlsKey == null) {
      return Optional.empty();
    }
    TlsMaterial material;
    try {
      material = TlsMaterial.read(tlsCert, tlsKey);
    } catch (IllegalArgumentException e) {
      throw new UnusableValue(spec.commandLine(), String.valueOf(e.getMessage()));
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
