package dev.setpoint.cli.serve;

import dev.setpoint.cli.UnusableValue;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.explorer.Explorer;
import dev.setpoint.server.http.DecisionServer;
import dev.setpoint.server.tls.TlsMaterial;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code setpoint serve}'s options grouped by concern, each group a picocli mixin that declares its
 * options (in the order the help lists them) and checks them, with messages naming the option:
 * where the store is, the address, TLS, who may do what, the server's limits and the explorer's.
 */
final class ServeOptions {

  private ServeOptions() {}

  /** Where the store is: a file under --data-dir, or PostgreSQL at --store. */
  static final class Storage {

    @Spec(Spec.Target.MIXEE) private CommandSpec spec;

    @Mixin private StoreOptions where;

    @Option(names = "--retention", paramLabel = "Nd",
        description = "How long the audit log keeps decisions and their labels, e.g. 400d: each "
            + "UTC day that ended longer ago is dropped whole (default: keep every decision).")
    private String retention;

    /** --retention: empty to keep every decision; a usage error when malformed. */
    Optional<Duration> retention() {
      if (retention == null) {
        return Optional.empty();
      }
      java.util.regex.Matcher days = java.util.regex.Pattern.compile("([0-9]{1,7})d")
          .matcher(retention.trim());
      if (!days.matches() || Long.parseLong(days.group(1)) < 1) {
        throw new ParameterException(spec.commandLine(), "--retention must be a number of days "
            + "followed by d, at least 1d, e.g. 400d; was '" + retention + "'");
      }
      return Optional.of(Duration.ofDays(Long.parseLong(days.group(1))));
    }

    /** Whether the store is the embedded one, under --data-dir. */
    boolean embedded() {
      return where.embedded();
    }

    /** The embedded store's directory. */
    Path dataDir() {
      return where.dataDir();
    }

    /**
     * The --store URL as the store is opened with it: with {@code logErrorValues}, the PostgreSQL
     * driver is asked for the statement parameters and DETAIL lines it leaves out of its text
     * otherwise.
     */
    @Nullable String location(boolean logErrorValues) {
      String store = where.store();
      return logErrorValues && store != null && !embedded()
          ? store + (store.contains("?") ? "&" : "?") + "logServerErrorDetail=true" : store;
    }

    /** The store as the start-up line names it (never with a password). */
    String described() {
      return where.store() == null ? dataDir().resolve("setpoint.db").toAbsolutePath()
          + " (SQLite)" : "PostgreSQL";
    }

    /**
     * Creates --data-dir if missing and checks that the store can be written there: a usage error
     * naming the directory otherwise, before anything is opened.
     */
    void usableDataDir() {
      Path dataDir = dataDir();
      if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
        throw new UnusableValue(spec.commandLine(), "--data-dir " + dataDir + " is a file, not a "
            + "directory (give a directory; it is created if missing)");
      }
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        String reason = e instanceof AccessDeniedException ? "permission denied"
            : e instanceof FileAlreadyExistsException f ? f.getFile() + " is a file"
            : e instanceof FileSystemException f && f.getReason() != null
                ? f.getReason().toLowerCase(Locale.ROOT) : e.getClass().getSimpleName();
        throw new UnusableValue(spec.commandLine(), "--data-dir " + dataDir + " cannot be created: "
            + reason + " (give a directory this user may create or write to)");
      }
      if (!Files.isWritable(dataDir)) {
        throw new UnusableValue(spec.commandLine(), "--data-dir " + dataDir + " is not writable by "
            + "this user (give a directory it may write to, or change the directory's owner)");
      }
    }
  }

  /** The address the service listens on. */
  static final class Address {

    @Spec(Spec.Target.MIXEE) private CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
        description = "Port (default: ${DEFAULT-VALUE}; 0 for any free port).")
    private int port;

    String host() {
      return host;
    }

    int port() {
      return port;
    }

    /** Checks that --port is a port number. */
    void checkPort() {
      if (port < 0 || port > 65535) {
        throw new ParameterException(spec.commandLine(), "--port must be 0..65535, was " + port);
      }
    }

    /** Checks that --host names an address of this machine, so that a failed start means the port. */
    void checkThisMachines() {
      InetAddress resolved;
      try {
        resolved = InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new UnusableValue(spec.commandLine(), "--host " + host + ": no such host name "
            + "(give an address of this machine: 127.0.0.1, or 0.0.0.0 for all)");
      }
      boolean local;
      try {
        local = resolved.isAnyLocalAddress() || resolved.isLoopbackAddress()
            || NetworkInterface.getByInetAddress(resolved) != null;
      } catch (SocketException e) {
        throw new UncheckedIOException(e);
      }
      if (!local) {
        throw new UnusableValue(spec.commandLine(), "--host " + host + " is not an address of "
            + "this machine (give one of its addresses, 127.0.0.1, or 0.0.0.0 for all)");
      }
    }

    /** Whether --host names only this machine (127.0.0.0/8, ::1, localhost). */
    boolean loopback() {
      try {
        return InetAddress.getByName(host).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }

    /** A usage error for a port the service could not listen on, though the address is this machine's. */
    ParameterException portTaken() {
      return new UnusableValue(spec.commandLine(), "--port " + port + ": cannot listen on "
          + host + ":" + port + ", another process holds it" + (port < 1024 ? " or ports below "
          + "1024 need privileges" : "") + " (choose another --port, or stop the process that "
          + "holds it)");
    }
  }

  /** HTTPS: the certificate chain and its key. */
  static final class Tls {

    @Spec(Spec.Target.MIXEE) private CommandSpec spec;

    @Option(names = "--tls-cert", paramLabel = "FILE",
        description = "Serve HTTPS with this PEM certificate chain, the server's certificate first, "
            + "then its intermediates (certbot's fullchain.pem). Needs --tls-key.")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
        description = "The certificate's private key, PEM, unencrypted: PKCS#8 (BEGIN PRIVATE KEY, "
            + "certbot's privkey.pem), PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE "
            + "KEY).")
    private Path tlsKey;

    /** The certificate chain's file. */
    Path cert() {
      return tlsCert;
    }

    /**
     * The certificate chain and key of --tls-cert and --tls-key, read and checked before anything is
     * opened; a certificate outside its validity is served, with a warning.
     */
    Optional<TlsMaterial> read(PrintWriter err) throws IOException {
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
        throw new UnusableValue(spec.commandLine(), String.valueOf(e.getMessage()));
      }
      material.validityWarning(Instant.now()).ifPresent(warning ->
          err.println("setpoint: warning: --tls-cert " + tlsCert + ": " + warning));
      return Optional.of(material);
    }
  }

  /** Who may do what: the tokens, serving without them, and the web origins that may send changes. */
  static final class Tokens {

    @Spec(Spec.Target.MIXEE) private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Tokens and their roles (decide, label, edit, read, upload), YAML: tokens: "
            + "[{name, token or tokenSha256, roles}]. Without it every request is allowed "
            + "(development).")
    private Path config;

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
    private List<String> allowedOrigins = new ArrayList<>();

    /**
     * The access --config gives, every request allowed without it, and then the origins, checked:
     * serving without tokens on an address other than loopback needs --insecure-no-auth.
     */
    Access access(Address address) throws IOException {
      Access access;
      try {
        access = config == null ? Access.open() : Access.read(config);
      } catch (IllegalArgumentException e) {
        throw new UnusableValue(spec.commandLine(), "--config " + e.getMessage());
      } catch (NoSuchFileException | AccessDeniedException e) {
        throw new UnusableValue(spec.commandLine(), "--config " + config + ": "
            + (e instanceof NoSuchFileException ? "no such file" : "permission denied")
            + " (give the YAML file of tokens, docs/operations.md#access)");
      }
      if (!access.enforced() && !insecureNoAuth && !address.loopback()) {
        throw new ParameterException(spec.commandLine(), "--host " + address.host() + " without "
            + "--config would let anyone who can reach the port decide, edit, activate and roll back "
            + "policies; give --config with tokens (docs/operations.md#access), or "
            + "--insecure-no-auth to serve that way anyway");
      }
      for (String origin : allowedOrigins) {
        if (DecisionServer.normalOrigin(origin).isEmpty()) {
          throw new ParameterException(spec.commandLine(), "--allowed-origin must be "
              + "scheme://host[:port], such as https://setpoint.example.com, was '" + origin + "'");
        }
      }
      return access;
    }

    /** The --allowed-origin values. */
    Set<String> allowedOrigins() {
      return Set.copyOf(allowedOrigins);
    }
  }

  /** The server's limits: connections, timeouts, request bodies, the audit commit, retries. */
  static final class Limits {

    @Spec(Spec.Target.MIXEE) private CommandSpec spec;

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

    /**
     * The limits these options give, with the batch size {@code maxBatch} (checked by the caller),
     * each checked with a message naming its option.
     */
    DecisionServer.Limits limits(int maxBatch) {
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
          Duration.ofSeconds(idleSeconds), Duration.ofSeconds(readSeconds), authFailuresPerMinute);
    }

    /** --commit-timeout. */
    Duration commitTimeout() {
      return Duration.ofSeconds(commitSeconds);
    }

    /** --request-id-retention. */
    Duration requestIdRetention() {
      return Duration.ofHours(requestIdRetentionHours);
    }

    private void positive(String option, long value) {
      if (value < 1) {
        throw new ParameterException(spec.commandLine(), option + " must be >= 1, was " + value);
      }
    }
  }

  /** What the threshold explorer may keep in memory, in all and per user. */
  static final class ExplorerMemory {

    @Spec(Spec.Target.MIXEE) private CommandSpec spec;

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

    /** The explorer's limits, checked together. */
    Explorer.Limits limits() {
      try {
        return new Explorer.Limits(explorerMaxDatasets, explorerMaxRows,
            Math.multiplyExact(explorerMaxUploadMb, 1L << 20), explorerQuotaDatasets,
            explorerQuotaRows, Duration.ofMinutes(explorerIdleMinutes));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new ParameterException(spec.commandLine(), "--explorer-max-rows, "
            + "--explorer-max-datasets, --explorer-max-upload-mb, --explorer-quota-datasets, "
            + "--explorer-quota-rows and --explorer-idle-minutes must be >= 1 (and the upload size "
            + "below 8 EiB): " + e.getMessage());
      }
    }
  }
}
