package dev.setpoint.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store's claim on its data directory: an operating-system lock on {@code
 * setpoint.lock} there, held while the store is open, so that a second process opening the same
 * directory is refused at once instead of sharing SQLite's file (SQLite is single-node: two servers
 * would each compile their own activations and never hear of the other's). The lock file holds the
 * owner's process id, for the refusal's message; the lock, not the file, is what counts, so a file
 * left by a killed process does not block the next start.
 */
final class DataDirLock implements AutoCloseable {

  static final String FILE = "setpoint.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dataDir}.
   *
   * @throws StoreException.InUse when another process, or another open store of this one, holds it
   */
  static DataDirLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE).toAbsolutePath();
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the embedded store's lock file " + file, e);
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // The JVM keeps one lock per file and process: the holder is a store open in this process.
        throw inUse(dataDir, "another store of this process", e);
      }
      if (lock == null) {
        throw inUse(dataDir, owner(channel), null);
      }
      byte[] pid = Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
      return new DataDirLock(channel, lock);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new UncheckedIOException("cannot lock the embedded store's directory " + dataDir,
          (IOException) e);
    }
  }

  /** "process N" from the lock file, or "another process" when it cannot be read. */
  private static String owner(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(20);
    int n = channel.read(buffer, 0);
    String pid = n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
    return pid.matches("[0-9]{1,19}") ? "process " + pid : "another process";
  }

  private static StoreException.InUse inUse(Path dataDir, String holder,
      @Nullable Throwable cause) {
    return new StoreException.InUse("the embedded store in " + dataDir.toAbsolutePath()
        + " is in use by " + holder + ": SQLite is single-node, one process per data directory; "
        + "to run several instances, give each the same PostgreSQL database with --store "
        + "postgresql://user@host:port/database", cause);
  }

  /** Releases the lock; the file stays (removing it would race a process about to lock it). */
  @Override
  public void close() {
    if (!channel.isOpen()) {
      return; // closed already: serve's shutdown hook closes the store, and so does its caller
    }
    try {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the embedded store's lock", e);
    }
  }
}
