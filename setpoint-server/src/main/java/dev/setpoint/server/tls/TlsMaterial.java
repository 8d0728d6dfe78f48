package dev.setpoint.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A server's certificate chain and the private key of its first certificate, for TLS.
 *
 * <p>{@link #read} takes the two PEM files operators have:
 *
 * <ul>
 *   <li>the <b>certificate file</b>: {@code CERTIFICATE} blocks, the server's own certificate
 *       first, then the intermediates that issued it, in order (certbot's {@code fullchain.pem}).
 *       Other blocks are ignored once there is a certificate, so a combined file holding the chain
 *       and the key may be given as both files.
 *   <li>the <b>key file</b>: one unencrypted RSA or EC private key as PKCS#8 ({@code BEGIN PRIVATE
 *       KEY}, what {@code openssl genpkey} and certbot write), PKCS#1 ({@code BEGIN RSA PRIVATE
 *       KEY}) or SEC1 ({@code BEGIN EC PRIVATE KEY}, with or without the {@code EC PARAMETERS}
 *       block that {@code openssl ecparam -genkey} writes before it). Certificates in it are
 *       ignored once there is a key.
 * </ul>
 *
 * <p>An encrypted key is refused with the command that decrypts it: a passphrase the service would
 * read from a file beside the key protects nothing the key file's own permissions do not, and it is
 * one more secret to keep and rotate.
 *
 * <p>Every refusal is an {@link IllegalArgumentException} whose one-line message names the option,
 * the file and what is wrong: missing, a directory, not PEM, a damaged block, a key given as the
 * certificate or the other way round, an encrypted key, a key of another type, a key that is not
 * the certificate's. A certificate that has expired is not refused: see {@link #validityWarning}.
 *
 * @param chain the server's certificate first, then the certificates that issued it, in order
 * @param key the private key of the first certificate, RSA or EC
 */
public record TlsMaterial(List<X509Certificate> chain, PrivateKey key) {

  /*
   * Implementation notes.
   *
   * 1. PEM and DER are read by BouncyCastle (PEMParser, JcaPEMKeyConverter), but every key and
   *    certificate is built by the JDK's own providers: BC is not registered as a security
   *    provider, so what the server serves is exactly what JSSE and the JDK's CertificateFactory
   *    accept, and no global provider list is changed inside someone else's JVM.
   * 2. Whether the key is the certificate's is checked by signing a fixed text with the key and
   *    verifying it with the certificate's public key: one rule for RSA and EC, where comparing
   *    encodings would need a rule per algorithm (an EC private key need not carry its public
   *    point). It costs one signature at startup.
   * 3. Files are read up to 1 MiB: a chain of a few certificates is a few kilobytes, and a wrong
   *    path (a log, /dev/zero) must be refused rather than read into memory.
   * 4. Each file is read twice with the same reader rules: PemReader names every block's type, so a
   *    block PEMParser does not know (OPENSSH PRIVATE KEY) or cannot decode is named in the
   *    message; then PEMParser parses the same blocks in the same order.
   */

  private static final int MAX_FILE_BYTES = 1 << 20;
  private static final Set<String> KEY_ALGORITHMS = Set.of("RSA", "EC");
  private static final String PROBE = "setpoint: is this the certificate's private key?";

  /** What each file must hold, for the messages. */
  private enum Wanted {
    CERTIFICATE("--tls-cert", "give the server's certificate chain as PEM CERTIFICATE blocks",
        "openssl x509 -inform der -in %s -out cert.pem"),
    KEY("--tls-key", "give the certificate's private key as a PEM PRIVATE KEY, RSA PRIVATE KEY or "
        + "EC PRIVATE KEY block", "openssl pkey -inform der -in %s -out key.pem");

    final String option;
    final String what;
    final String fromDer;

    Wanted(String option, String what, String fromDer) {
      this.option = option;
      this.what = what;
      this.fromDer = fromDer;
    }
  }

  /**
   * Checks that there is a certificate, and that {@code key} is an RSA or EC key and the first
   * certificate's.
   *
   * @throws IllegalArgumentException when they are not
   */
  public TlsMaterial {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a TLS certificate chain needs at least the server's own "
          + "certificate");
    }
    if (!KEY_ALGORITHMS.contains(key.getAlgorithm())) {
      throw new IllegalArgumentException("a " + key.getAlgorithm() + " key; TLS here takes an RSA "
          + "or EC key");
    }
    if (!isPair(key, chain.get(0).getPublicKey())) {
      throw new IllegalArgumentException("the private key is not the key of the certificate "
          + subject(chain.get(0)));
    }
  }

  /**
   * Reads a certificate chain and its private key from PEM files, as described above.
   *
   * @param certFile the certificate chain, the server's certificate first
   * @param keyFile the private key of the server's certificate, unencrypted
   * @throws IllegalArgumentException naming the option ({@code --tls-cert}, {@code --tls-key}), the
   *     file and what is wrong with it
   * @throws IOException when a file exists but reading it fails
   */
  public static TlsMaterial read(Path certFile, Path keyFile) throws IOException {
    String certAt = Wanted.CERTIFICATE.option + " " + certFile;
    String keyAt = Wanted.KEY.option + " " + keyFile;
    List<X509Certificate> chain = certificates(certAt, blocks(certFile, Wanted.CERTIFICATE));
    PrivateKey key = privateKey(keyAt, keyFile, blocks(keyFile, Wanted.KEY));
    X509Certificate leaf = chain.get(0);
    if (!isPair(key, leaf.getPublicKey())) {
      for (int i = 1; i < chain.size(); i++) {
        if (isPair(key, chain.get(i).getPublicKey())) {
          throw new IllegalArgumentException(keyAt + ": is the key of certificate " + (i + 1)
              + " in " + certFile + " (" + subject(chain.get(i)) + "), not of the first ("
              + subject(leaf) + "): the server's own certificate must come first, then the "
              + "certificates that issued it");
        }
      }
      throw new IllegalArgumentException(keyAt + ": is not the private key of the certificate in "
          + certFile + " (" + subject(leaf) + "); give the key that was generated with it");
    }
    return new TlsMaterial(chain, key);
  }

  /**
   * Why clients will refuse the server's certificate at {@code now}, if they will: it has expired,
   * or is not valid yet. The server still starts with it — clients that do not check it (or pin its
   * key) keep working, and the fix is a renewed file and a restart — but the operator must be told.
   *
   * @return one line such as {@code the certificate CN=api.example.com expired on
   *     2026-01-05T10:00:00Z; clients will refuse it until it is renewed}, or empty while it is
   *     valid
   */
  public Optional<String> validityWarning(Instant now) {
    X509Certificate leaf = chain.get(0);
    Instant notAfter = leaf.getNotAfter().toInstant();
    Instant notBefore = leaf.getNotBefore().toInstant();
    if (now.isAfter(notAfter)) {
      return Optional.of("the certificate " + subject(leaf) + " expired on " + notAfter
          + "; clients will refuse it until it is renewed");
    }
    if (now.isBefore(notBefore)) {
      return Optional.of("the certificate " + subject(leaf) + " is not valid until " + notBefore
          + "; clients will refuse it until then (is this machine's clock right?)");
    }
    return Optional.empty();
  }

  /** Names the certificate, never the key. */
  @Override
  public String toString() {
    return "TlsMaterial[" + subject(chain.get(0)) + ", " + chain.size() + " certificate"
        + (chain.size() == 1 ? "" : "s") + ", " + key.getAlgorithm() + " key]";
  }

  // ---- reading ----

  /** One PEM block: its type (the words after BEGIN) and what PEMParser made of it. */
  private record Block(String type, Object parsed) {}

  private static List<Block> blocks(Path file, Wanted wanted) throws IOException {
    String at = wanted.option + " " + file;
    String text = new String(bytes(at, file), StandardCharsets.ISO_8859_1);
    List<String> types = new ArrayList<>();
    try (PemReader reader = new PemReader(new StringReader(text))) {
      for (PemObject o = reader.readPemObject(); o != null; o = reader.readPemObject()) {
        types.add(o.getType());
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(at + ": PEM block " + (types.size() + 1) + " cannot be "
          + "read: its END line is missing or its base64 is damaged", e);
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException(at + ": is not PEM (no '-----BEGIN ...-----' line); "
          + wanted.what + " (a DER file converts with: " + wanted.fromDer.formatted(file) + ")");
    }
    List<Block> blocks = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (int i = 0; i < types.size(); i++) {
        if (!parser.getSupportedTypes().contains(types.get(i))) {
          throw new IllegalArgumentException(at + ": PEM block " + (i + 1) + " is " + types.get(i)
              + ", which is not read here; " + wanted.what);
        }
      }
      // PEMParser meets bytes that are base64 but not the DER it expects with exceptions of many
      // kinds (IOException, IllegalArgumentException, ClassCastException…); each is the same fact
      // for the operator, so each becomes the one message, its cause kept.
      try {
        for (String type : types) {
          blocks.add(new Block(type, Objects.requireNonNull(parser.readObject())));
        }
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(at + ": PEM block " + (blocks.size() + 1) + " ("
            + types.get(blocks.size()) + ") cannot be decoded: it is not a valid "
            + types.get(blocks.size()), e);
      }
    }
    return blocks;
  }

  private static byte[] bytes(String at, Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(at + ": is a directory; give a PEM file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(at + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(at + ": permission denied (the service's user must be "
          + "able to read it)", e);
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new IllegalArgumentException(at + ": is larger than 1 MiB, too large for a PEM "
          + "certificate chain or key; is it the right file?");
    }
    return bytes;
  }

  private static List<X509Certificate> certificates(String at, List<Block> blocks) {
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    List<X509Certificate> chain = new ArrayList<>();
    for (Block b : blocks) {
      X509CertificateHolder holder = b.parsed() instanceof X509CertificateHolder h ? h
          : b.parsed() instanceof X509TrustedCertificateBlock t ? t.getCertificateHolder() : null;
      if (holder != null) {
        try {
          chain.add(converter.getCertificate(holder));
        } catch (CertificateException | RuntimeException e) {
          throw new IllegalArgumentException(at + ": certificate " + (chain.size() + 1)
              + " is not an X.509 certificate Java can use", e);
        }
      }
    }
    if (chain.isEmpty()) {
      if (blocks.stream().anyMatch(b -> isPrivateKey(b.parsed()))) {
        throw new IllegalArgumentException(at + ": holds a private key, not a certificate: give it "
            + "as --tls-key, and the certificate chain (certbot's fullchain.pem) as --tls-cert");
      }
      throw new IllegalArgumentException(at + ": holds no CERTIFICATE block (only " + types(blocks)
          + "); " + Wanted.CERTIFICATE.what);
    }
    return chain;
  }

  private static PrivateKey privateKey(String at, Path file, List<Block> blocks) {
    List<Block> keys = blocks.stream().filter(b -> isPrivateKey(b.parsed())).toList();
    if (keys.isEmpty()) {
      if (blocks.stream().anyMatch(b -> b.parsed() instanceof X509CertificateHolder
          || b.parsed() instanceof X509TrustedCertificateBlock)) {
        throw new IllegalArgumentException(at + ": holds a certificate, not a private key: give it "
            + "as --tls-cert, and the certificate's private key (certbot's privkey.pem) as "
            + "--tls-key");
      }
      throw new IllegalArgumentException(at + ": holds no private key (only " + types(blocks)
          + "); " + Wanted.KEY.what);
    }
    if (keys.size() > 1) {
      throw new IllegalArgumentException(at + ": holds " + keys.size() + " private keys ("
          + types(keys) + "); give the certificate's key alone");
    }
    Block block = keys.get(0);
    if (block.parsed() instanceof PKCS8EncryptedPrivateKeyInfo
        || block.parsed() instanceof PEMEncryptedKeyPair) {
      throw new IllegalArgumentException(at + ": the private key is encrypted; decrypt it once "
          + "with 'openssl pkey -in " + file + " -out key-plain.pem' (it asks for the passphrase), "
          + "make that file readable only by the service's user, and give it as --tls-key");
    }
    PrivateKeyInfo info = block.parsed() instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
        : (PrivateKeyInfo) block.parsed();
    PrivateKey key;
    try {
      key = new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (PEMException | RuntimeException e) {
      throw new IllegalArgumentException(at + ": the " + block.type() + " block is not a private "
          + "key Java can use (an RSA key, or an EC key on a named curve such as P-256)", e);
    }
    if (!KEY_ALGORITHMS.contains(key.getAlgorithm())) {
      throw new IllegalArgumentException(at + ": holds a " + key.getAlgorithm() + " key; TLS here "
          + "takes an RSA or EC key");
    }
    return key;
  }

  private static boolean isPrivateKey(Object parsed) {
    return parsed instanceof PrivateKeyInfo || parsed instanceof PEMKeyPair
        || parsed instanceof PKCS8EncryptedPrivateKeyInfo || parsed instanceof PEMEncryptedKeyPair;
  }

  private static String types(List<Block> blocks) {
    return blocks.stream().map(Block::type).distinct().collect(Collectors.joining(", "));
  }

  // ---- checking ----

  /** Whether {@code key} signs what {@code certificateKey} verifies (note 2). */
  private static boolean isPair(PrivateKey key, PublicKey certificateKey) {
    if (!key.getAlgorithm().equals(certificateKey.getAlgorithm())) {
      return false;
    }
    try {
      Signature signature = Signature.getInstance(key.getAlgorithm().equals("RSA")
          ? "SHA256withRSA" : "SHA256withECDSA");
      byte[] probe = PROBE.getBytes(StandardCharsets.US_ASCII);
      signature.initSign(key);
      signature.update(probe);
      byte[] signed = signature.sign();
      signature.initVerify(certificateKey);
      signature.update(probe);
      return signature.verify(signed);
    } catch (InvalidKeyException | SignatureException e) {
      // A key of another curve or size cannot sign for, or verify, the other: they are no pair,
      // which is the answer asked for.
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA256withRSA or SHA256withECDSA", e);
    }
  }

  private static String subject(X509Certificate certificate) {
    String name = certificate.getSubjectX500Principal().getName();
    return name.isEmpty() ? "with an empty subject" : name;
  }
}
