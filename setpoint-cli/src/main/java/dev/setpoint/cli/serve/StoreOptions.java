package dev.setpoint.cli.serve;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the decision service's store is, as {@code setpoint serve} and {@code setpoint audit export}
 * name it: a file under {@code --data-dir}, or PostgreSQL at {@code --store}. Declared once, so the
 * two commands read the same store from the same words.
 */
public final class StoreOptions {

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "setpoint-data",
      description = "Where the embedded store keeps its file (default: ${DEFAULT-VALUE}).")
  private Path dataDir;

  @Option(names = "--store", paramLabel = "URL",
      description = "Use PostgreSQL instead: postgresql://user[:password]@host[:port]/database.")
  private @Nullable String store;

  /** The embedded store's directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The --store URL, or null for the embedded store. */
  public @Nullable String store() {
    return store;
  }

  /** Whether the store is the embedded one, under --data-dir. */
  public boolean embedded() {
    return store == null || store.isBlank();
  }
}
