package dev.setpoint.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.server.tls.TestCertificate.KeyFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the PEM files of {@code serve --tls-cert --tls-key}: every key format operators meet
 * loads, and every wrong input is one line naming the option, the file and what is wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsMaterialTest {

  @TempDir Path dir;

  private TestCertificate rsa;
  private TestCertificate ec;

  @BeforeAll
  void generate() {
    rsa = TestCertificate.selfSigned("RSA");
    ec = TestCertificate.selfSigned("EC");
  }

  private Path file(String name, String text) {
    return TestCertificate.write(dir.resolve(name), text);
  }

  private TlsMaterial read(String cert, String key) throws IOException {
    return TlsMaterial.read(file("cert.pem", cert), file("key.pem", key));
  }

  /** Asserts the refusal is one line that starts with the option and the file. */
  private AbstractThrowableAssert<?, ? extends Throwable> refused(String cert, String key,
      String option, String fileName) {
    Path certFile = file("cert.pem", cert);
    Path keyFile = file("key.pem", key);
    return assertThatThrownBy(() -> TlsMaterial.read(certFile, keyFile))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(option + " " + dir.resolve(fileName) + ": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void anRsaKeyLoadsAsPkcs8AndAsPkcs1() throws IOException {
    for (KeyFormat format : new KeyFormat[] {KeyFormat.PKCS8, KeyFormat.TRADITIONAL}) {
      String key = rsa.keyPem(format);
      assertThat(key).contains(format == KeyFormat.PKCS8 ? "BEGIN PRIVATE KEY"
          : "BEGIN RSA PRIVATE KEY");
      TlsMaterial m = read(rsa.certificatePem(), key);
      assertThat(m.chain()).containsExactly(rsa.certificate());
      assertThat(m.key().getEncoded()).isEqualTo(rsa.keys().getPrivate().getEncoded());
    }
  }

  @Test
  void anEcKeyLoadsAsPkcs8AndAsSec1WithOrWithoutItsParametersBlock() throws IOException {
    for (KeyFormat format : new KeyFormat[] {KeyFormat.PKCS8, KeyFormat.TRADITIONAL,
        KeyFormat.SEC1_AFTER_PARAMETERS}) {
      String key = ec.keyPem(format);
      assertThat(key).contains(format == KeyFormat.PKCS8 ? "BEGIN PRIVATE KEY"
          : "BEGIN EC PRIVATE KEY");
      TlsMaterial m = read(ec.certificatePem(), key);
      assertThat(m.key().getAlgorithm()).isEqualTo("EC");
      assertThat(m.chain()).containsExactly(ec.certificate());
    }
    assertThat(ec.keyPem(KeyFormat.SEC1_AFTER_PARAMETERS)).startsWith("-----BEGIN EC PARAMETERS");
  }

  @Test
  void aChainLoadsLeafFirstWithItsIntermediate() throws IOException {
    TestCertificate ca = TestCertificate.authority("CN=Setpoint Test CA");
    TestCertificate server = ca.issue("EC");
    TlsMaterial m = read(server.certificatePem() + ca.certificatePem(),
        server.keyPem(KeyFormat.PKCS8));
    assertThat(m.chain()).containsExactly(server.certificate(), ca.certificate());
    assertThat(m).hasToString("TlsMaterial[CN=localhost, 2 certificates, EC key]");
  }

  @Test
  void oneFileHoldingChainAndKeyServesAsBoth() throws IOException {
    Path both = file("both.pem", rsa.certificatePem() + rsa.keyPem(KeyFormat.PKCS8));
    TlsMaterial m = TlsMaterial.read(both, both);
    assertThat(m.chain()).containsExactly(rsa.certificate());
  }

  @Test
  void theTextAroundBlocksIsIgnoredAsOpensslWritesIt() throws IOException {
    // openssl pkcs12 -nokeys writes "Bag Attributes" and "subject=" lines before each block.
    TlsMaterial m = read("Bag Attributes\n    friendlyName: server\nsubject=CN = localhost\n"
        + rsa.certificatePem(), rsa.keyPem(KeyFormat.PKCS8));
    assertThat(m.chain()).hasSize(1);
  }

  @Test
  void aMissingFileIsNamed() {
    Path key = file("key.pem", rsa.keyPem(KeyFormat.PKCS8));
    assertThatThrownBy(() -> TlsMaterial.read(dir.resolve("nope.pem"), key))
        .hasMessage("--tls-cert " + dir.resolve("nope.pem") + ": no such file");
    Path cert = file("cert.pem", rsa.certificatePem());
    assertThatThrownBy(() -> TlsMaterial.read(cert, dir.resolve("gone.pem")))
        .hasMessage("--tls-key " + dir.resolve("gone.pem") + ": no such file");
  }

  @Test
  void aDirectoryIsNamed() {
    Path key = file("key.pem", rsa.keyPem(KeyFormat.PKCS8));
    assertThatThrownBy(() -> TlsMaterial.read(dir, key))
        .hasMessage("--tls-cert " + dir + ": is a directory; give a PEM file");
  }

  @Test
  void aFileThatIsNotPemSaysHowToConvertDer() throws Exception {
    Path der = dir.resolve("cert.der");
    Files.write(der, rsa.certificate().getEncoded());
    Path key = file("key.pem", rsa.keyPem(KeyFormat.PKCS8));
    assertThatThrownBy(() -> TlsMaterial.read(der, key)).hasMessage("--tls-cert " + der
        + ": is not PEM (no '-----BEGIN ...-----' line); give the server's certificate chain as "
        + "PEM CERTIFICATE blocks (a DER file converts with: openssl x509 -inform der -in " + der
        + " -out cert.pem)");
    refused(rsa.certificatePem(), "", "--tls-key", "key.pem")
        .hasMessageContaining("is not PEM").hasMessageContaining("openssl pkey -inform der");
  }

  @Test
  void aKeyGivenAsTheCertificateSaysToSwapThem() {
    refused(rsa.keyPem(KeyFormat.PKCS8), rsa.certificatePem(), "--tls-cert", "cert.pem")
        .hasMessageEndingWith(": holds a private key, not a certificate: give it as --tls-key, and "
            + "the certificate chain (certbot's fullchain.pem) as --tls-cert");
  }

  @Test
  void aCertificateGivenAsTheKeySaysToSwapThem() {
    refused(rsa.certificatePem(), rsa.certificatePem(), "--tls-key", "key.pem")
        .hasMessageEndingWith(": holds a certificate, not a private key: give it as --tls-cert, "
            + "and the certificate's private key (certbot's privkey.pem) as --tls-key");
  }

  @Test
  void anEncryptedKeySaysHowToDecryptIt() {
    for (KeyFormat format : new KeyFormat[] {KeyFormat.ENCRYPTED_PKCS8,
        KeyFormat.ENCRYPTED_TRADITIONAL}) {
      String key = rsa.keyPem(format);
      assertThat(key).containsAnyOf("BEGIN ENCRYPTED PRIVATE KEY", "Proc-Type: 4,ENCRYPTED");
      refused(rsa.certificatePem(), key, "--tls-key", "key.pem")
          .hasMessageEndingWith(": the private key is encrypted; decrypt it once with 'openssl "
              + "pkey -in " + dir.resolve("key.pem") + " -out key-plain.pem' (it asks for the "
              + "passphrase), make that file readable only by the service's user, and give it as "
              + "--tls-key");
    }
  }

  @Test
  void theKeyOfAnotherCertificateIsRefused() {
    refused(rsa.certificatePem(), ec.keyPem(KeyFormat.PKCS8), "--tls-key", "key.pem")
        .hasMessageEndingWith(": is not the private key of the certificate in "
            + dir.resolve("cert.pem") + " (CN=localhost); give the key that was generated with it");
    KeyPair other = TestCertificate.keyPair("RSA");
    refused(rsa.certificatePem(), TestCertificate.keyPem(other, KeyFormat.PKCS8),
        "--tls-key", "key.pem").hasMessageContaining(": is not the private key of the certificate");
  }

  @Test
  void theKeyOfTheIntermediateSaysTheServersCertificateMustComeFirst() {
    TestCertificate ca = TestCertificate.authority("CN=Setpoint Test CA");
    TestCertificate server = ca.issue("RSA");
    refused(ca.certificatePem() + server.certificatePem(), server.keyPem(KeyFormat.PKCS8),
        "--tls-key", "key.pem").hasMessageEndingWith(": is the key of certificate 2 in "
            + dir.resolve("cert.pem") + " (CN=localhost), not of the first (CN=Setpoint Test CA): "
            + "the server's own certificate must come first, then the certificates that issued it");
  }

  @Test
  void aKeyOfAnotherTypeIsRefused() {
    KeyPair dsa = TestCertificate.keyPair("DSA");
    refused(rsa.certificatePem(), TestCertificate.keyPem(dsa, KeyFormat.PKCS8),
        "--tls-key", "key.pem").hasMessageEndingWith(": holds a DSA key; TLS here takes an RSA or "
            + "EC key");
  }

  @Test
  void twoKeysAreRefused() {
    refused(rsa.certificatePem(), rsa.keyPem(KeyFormat.PKCS8) + ec.keyPem(KeyFormat.TRADITIONAL),
        "--tls-key", "key.pem").hasMessageEndingWith(": holds 2 private keys (PRIVATE KEY, EC "
            + "PRIVATE KEY); give the certificate's key alone");
  }

  @Test
  void aBlockOfAnotherKindIsNamed() {
    String publicKey = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder()
        .encodeToString(rsa.keys().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    refused(rsa.certificatePem(), publicKey, "--tls-key", "key.pem")
        .hasMessageEndingWith(": holds no private key (only PUBLIC KEY); give the certificate's "
            + "private key as a PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
    refused(publicKey, rsa.keyPem(KeyFormat.PKCS8), "--tls-cert", "cert.pem")
        .hasMessageEndingWith(": holds no CERTIFICATE block (only PUBLIC KEY); give the server's "
            + "certificate chain as PEM CERTIFICATE blocks");
    refused(rsa.certificatePem(), "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
        + "-----END OPENSSH PRIVATE KEY-----\n", "--tls-key", "key.pem")
        .hasMessageEndingWith(": PEM block 1 is OPENSSH PRIVATE KEY, which is not read here; give "
            + "the certificate's private key as a PEM PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE "
            + "KEY block");
  }

  @Test
  void aDamagedBlockIsNamed() {
    String cert = rsa.certificatePem();
    refused(cert.substring(0, cert.indexOf("-----END")), rsa.keyPem(KeyFormat.PKCS8),
        "--tls-cert", "cert.pem").hasMessageEndingWith(": PEM block 1 cannot be read: its END line "
            + "is missing or its base64 is damaged");
    String notDer = "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getEncoder()
        .encodeToString("not a certificate".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        + "\n-----END CERTIFICATE-----\n";
    refused(notDer, rsa.keyPem(KeyFormat.PKCS8), "--tls-cert", "cert.pem")
        .hasMessageEndingWith(": PEM block 1 (CERTIFICATE) cannot be decoded: it is not a valid "
            + "CERTIFICATE");
  }

  @Test
  void aFileOverOneMebibyteIsRefusedUnread() {
    refused(rsa.certificatePem() + "x".repeat(1 << 20), rsa.keyPem(KeyFormat.PKCS8),
        "--tls-cert", "cert.pem").hasMessageEndingWith(": is larger than 1 MiB, too large for a "
            + "PEM certificate chain or key; is it the right file?");
  }

  @Test
  void anExpiredCertificateLoadsAndItsWarningNamesTheExpiry() throws IOException {
    Instant notAfter = Instant.parse("2026-01-05T10:00:00Z");
    TestCertificate old = TestCertificate.selfSigned("EC", notAfter.minus(Duration.ofDays(90)),
        notAfter);
    TlsMaterial m = read(old.certificatePem(), old.keyPem(KeyFormat.PKCS8));
    assertThat(m.validityWarning(notAfter.plusSeconds(1))).hasValue("the certificate CN=localhost "
        + "expired on 2026-01-05T10:00:00Z; clients will refuse it until it is renewed");
    assertThat(m.validityWarning(notAfter.minus(Duration.ofDays(89))).isEmpty()).isTrue();
    assertThat(m.validityWarning(notAfter.minus(Duration.ofDays(91)))).hasValue("the certificate "
        + "CN=localhost is not valid until 2025-10-07T10:00:00Z; clients will refuse it until then "
        + "(is this machine's clock right?)");
  }

  @Test
  void theRecordRefusesAKeyThatIsNotTheCertificates() {
    assertThatThrownBy(() -> new TlsMaterial(java.util.List.of(rsa.certificate()),
        ec.keys().getPrivate())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the private key is not the key of the certificate CN=localhost");
    assertThatThrownBy(() -> new TlsMaterial(java.util.List.of(), rsa.keys().getPrivate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * 300 seeded corruptions of a good certificate file and key file (a byte changed, deleted or
   * inserted; the text cut; lines swapped): each is read or refused with one line naming the file —
   * never another exception.
   */
  @Test
  void corruptedFilesAreReadOrRefusedWithOneLineNamingTheFile() throws IOException {
    SplittableRandom random = new SplittableRandom(19);
    String[] good = {rsa.certificatePem(), rsa.keyPem(KeyFormat.TRADITIONAL),
        ec.keyPem(KeyFormat.SEC1_AFTER_PARAMETERS)};
    int refusedCount = 0;
    for (int i = 0; i < 300; i++) {
      int which = random.nextInt(good.length);
      String text = corrupt(good[which], random);
      boolean certCorrupted = which == 0;
      String cert = certCorrupted ? text : (which == 1 ? rsa : ec).certificatePem();
      String key = certCorrupted ? rsa.keyPem(KeyFormat.PKCS8) : text;
      Path certFile = file("cert.pem", cert);
      Path keyFile = file("key.pem", key);
      try {
        TlsMaterial.read(certFile, keyFile);
      } catch (IllegalArgumentException e) {
        refusedCount++;
        // A certificate whose public key was changed is refused as not matching the key: that
        // message starts with --tls-key and names the certificate file too.
        assertThat(e.getMessage()).as("corruption %d of file %d", i, which)
            .doesNotContain("\n")
            .startsWith(certCorrupted ? "--tls-" : "--tls-key " + keyFile)
            .contains(certCorrupted ? certFile.toString() : keyFile.toString());
      }
    }
    assertThat(refusedCount).as("most corruptions are refused").isGreaterThan(150);
  }

  private static String corrupt(String text, SplittableRandom random) {
    int at = random.nextInt(text.length());
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-\n :";
    char c = alphabet.charAt(random.nextInt(alphabet.length()));
    return switch (random.nextInt(5)) {
      case 0 -> text.substring(0, at) + c + text.substring(at + 1);
      case 1 -> text.substring(0, at) + text.substring(at + 1);
      case 2 -> text.substring(0, at) + c + text.substring(at);
      case 3 -> text.substring(0, at);
      default -> {
        String[] lines = text.split("\n", -1);
        int a = random.nextInt(lines.length);
        int b = random.nextInt(lines.length);
        String t = lines[a];
        lines[a] = lines[b];
        lines[b] = t;
        yield String.join("\n", lines);
      }
    };
  }
}
