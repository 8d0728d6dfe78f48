package dev.setpoint.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the digest of every fingerprint Setpoint records — data files, policy documents, models,
 * sketches, access tokens — written as 64 lower-case hex digits.
 */
public final class Sha256 {

  private Sha256() {}

  /** A fresh SHA-256 digest, for a stream that is digested while it is read. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** What {@code digest} has read, as hex; the digest is reset. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** The SHA-256 of {@code text} as UTF-8. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of the rest of {@code in}, read to its end (the caller closes it). */
  public static String hex(InputStream in) throws IOException {
    MessageDigest digest = digest();
    new DigestInputStream(in, digest).transferTo(OutputStream.nullOutputStream());
    return hex(digest);
  }

  /** The SHA-256 of a file's bytes, read as a stream. */
  public static String hex(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return hex(in);
    }
  }
}
