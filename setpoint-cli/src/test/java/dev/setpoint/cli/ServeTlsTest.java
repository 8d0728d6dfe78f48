package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code setpoint serve --tls-cert FILE --tls-key FILE}: the two options go together, a bad file is
 * a usage error of one line naming it, and the server started as a user starts it says https, warns
 * of an expired certificate in one line, and answers over HTTP/2.
 */
class ServeTlsTest {

  private static final Pattern SERVING = Pattern.compile("serving on (https://\\S+)");

  @TempDir Path dir;

  /** Asserts a usage error whose message is the first line of stderr, and no stack trace. */
  private static void assertUsageError(CliRun r, String message) {
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines().findFirst()).hasValue("setpoint: error: " + message);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void tlsCertAloneIsAUsageErrorOfOneLine() {
    assertUsageError(CliRun.run("serve", "--data-dir", dir.toString(), "--tls-cert", "x"),
        "--tls-cert needs --tls-key, the certificate's private key");
    assertUsageError(CliRun.run("serve", "--data-dir", dir.toString(), "--tls-key", "x"),
        "--tls-key needs --tls-cert, the certificate chain the key belongs to");
    assertThat(dir.resolve("setpoint.db")).as("refused before the store is opened").doesNotExist();
  }

  @Test
  void aBadCertificateOrKeyFileIsAUsageErrorNamingIt() throws Exception {
    Path notPem = Files.writeString(dir.resolve("cert.txt"), "hello\n");
    Path missing = dir.resolve("key.pem");
    assertUsageError(CliRun.run("serve", "--data-dir", dir.toString(), "--tls-cert",
        notPem.toString(), "--tls-key", missing.toString()), "--tls-cert " + notPem
            + ": is not PEM (no '-----BEGIN ...-----' line); give the server's certificate chain "
            + "as PEM CERTIFICATE blocks (a DER file converts with: openssl x509 -inform der -in "
            + notPem + " -out cert.pem)");
    SelfSigned cert = SelfSigned.make(Instant.now().minus(Duration.ofMinutes(5)),
        Instant.now().plus(Duration.ofDays(2)));
    Path certFile = Files.writeString(dir.resolve("cert.pem"), cert.certificatePem());
    assertUsageError(CliRun.run("serve", "--data-dir", dir.toString(), "--tls-cert",
        certFile.toString(), "--tls-key", missing.toString()), "--tls-key " + missing
            + ": no such file");
    assertUsageError(CliRun.run("serve", "--data-dir", dir.toString(), "--tls-cert",
        certFile.toString(), "--tls-key", certFile.toString()), "--tls-key " + certFile
            + ": holds a certificate, not a private key: give it as --tls-cert, and the "
            + "certificate's private key (certbot's privkey.pem) as --tls-key");
  }

  @Test
  void servesHttpsWithAnExpiredCertificateAfterAOneLineWarning() throws Exception {
    Instant notAfter = Instant.now().minus(Duration.ofDays(1)).truncatedTo(
        java.time.temporal.ChronoUnit.SECONDS);
    SelfSigned cert = SelfSigned.make(notAfter.minus(Duration.ofDays(30)), notAfter);
    Path certFile = Files.writeString(dir.resolve("cert.pem"), cert.certificatePem());
    Path keyFile = Files.writeString(dir.resolve("key.pem"), cert.keyPem());
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "--demo", "--port", "0", "--data-dir", dir.resolve("data").toString(),
        "--tls-cert", certFile.toString(), "--tls-key", keyFile.toString());
    Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
          StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      String base = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (base == null && System.nanoTime() < deadline) {
        String line = out.readLine();
        if (line == null) {
          break;
        }
        lines.add(line);
        Matcher m = SERVING.matcher(line);
        if (m.find()) {
          base = m.group(1);
        }
      }
      assertThat(base).as("serving on https://…:\n" + String.join("\n", lines)).isNotNull();
      assertThat(lines).contains("setpoint: warning: --tls-cert " + certFile + ": the certificate "
          + "CN=localhost expired on " + notAfter + "; clients will refuse it until it is renewed");
      // Trust exactly this certificate, whatever its dates: the point is that the server serves it.
      HttpClient http = HttpClient.newBuilder().sslContext(trusting(cert.certificate()))
          .connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
      HttpResponse<String> decided = http.send(HttpRequest.newBuilder(URI.create(base
          + "/v1/decide")).timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers
          .ofString("{\"policy\": \"card-fraud\", \"score\": 0.9, \"attributes\": "
              + "{\"jurisdiction\": \"EU\", \"tier\": \"premium\"}}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
    } finally {
      server.destroy();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
    }
  }

  /** An SSL context that trusts {@code certificate} and nothing else, ignoring its dates. */
  private static SSLContext trusting(X509Certificate certificate) throws Exception {
    X509TrustManager exactly = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("a client only");
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws java.security.cert.CertificateException {
        if (chain.length == 0 || !chain[0].equals(certificate)) {
          throw new java.security.cert.CertificateException("not the test's certificate");
        }
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[] {certificate};
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {exactly}, null);
    return context;
  }

  /**
   * A self-signed RSA certificate for 127.0.0.1 and localhost, made at test time with
   * BouncyCastle's builders over the JDK's providers (the server module's tests have a fuller
   * TestCertificate; test classes do not cross modules).
   */
  private record SelfSigned(X509Certificate certificate, KeyPair keys) {

    static SelfSigned make(Instant notBefore, Instant notAfter) throws Exception {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=localhost");
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
          new BigInteger(63, new SecureRandom()), Date.from(notBefore), Date.from(notAfter), name,
          keys.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
          new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost")}));
      return new SelfSigned(new JcaX509CertificateConverter().getCertificate(builder.build(
          new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()))), keys);
    }

    String certificatePem() throws Exception {
      return pem(certificate);
    }

    String keyPem() throws Exception {
      return pem(new JcaPKCS8Generator(keys.getPrivate(), null));
    }

    private static String pem(Object o) throws Exception {
      StringWriter out = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(out)) {
        w.writeObject(o);
      }
      return out.toString();
    }
  }
}
