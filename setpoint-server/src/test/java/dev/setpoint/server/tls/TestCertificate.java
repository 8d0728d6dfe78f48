package dev.setpoint.server.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A certificate and its key pair made at test time (BouncyCastle's builders over the JDK's
 * providers, nothing registered), valid for {@code 127.0.0.1} and {@code localhost} as {@code
 * openssl req -x509 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost} makes
 * them; written as PEM in each key format operators meet.
 *
 * @param certificate the certificate
 * @param keys its key pair
 */
public record TestCertificate(X509Certificate certificate, KeyPair keys) {

  /** How a private key is written. */
  public enum KeyFormat {
    /** {@code BEGIN PRIVATE KEY}: openssl genpkey, certbot. */
    PKCS8,
    /** {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY}: openssl pkey -traditional. */
    TRADITIONAL,
    /** SEC1 after an {@code EC PARAMETERS} block, as openssl ecparam -genkey writes it. */
    SEC1_AFTER_PARAMETERS,
    /** {@code BEGIN ENCRYPTED PRIVATE KEY}: openssl genpkey -aes256. */
    ENCRYPTED_PKCS8,
    /** {@code Proc-Type: 4,ENCRYPTED} inside a traditional block: openssl genrsa -aes256. */
    ENCRYPTED_TRADITIONAL
  }

  /** A fresh RSA-2048 or EC P-256 key pair. */
  public static KeyPair keyPair(String algorithm) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        g.initialize(2048);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A self-signed server certificate for 127.0.0.1 and localhost, valid for two days from now. */
  public static TestCertificate selfSigned(String keyAlgorithm) {
    Instant now = Instant.now();
    return selfSigned(keyAlgorithm, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(2)));
  }

  /** A self-signed server certificate for 127.0.0.1 and localhost, valid between the instants. */
  public static TestCertificate selfSigned(String keyAlgorithm, Instant notBefore,
      Instant notAfter) {
    KeyPair keys = keyPair(keyAlgorithm);
    return new TestCertificate(build("CN=localhost", keys, "CN=localhost", keys.getPrivate(),
        notBefore, notAfter, false), keys);
  }

  /** A certificate authority that can issue server certificates. */
  public static TestCertificate authority(String name) {
    KeyPair keys = keyPair("RSA");
    Instant now = Instant.now();
    return new TestCertificate(build(name, keys, name, keys.getPrivate(),
        now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(2)), true), keys);
  }

  /** A server certificate for 127.0.0.1 and localhost issued by this authority. */
  public TestCertificate issue(String keyAlgorithm) {
    KeyPair server = keyPair(keyAlgorithm);
    Instant now = Instant.now();
    return new TestCertificate(build("CN=localhost", server,
        certificate.getSubjectX500Principal().getName(), keys.getPrivate(),
        now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(2)), false), server);
  }

  private static X509Certificate build(String subject, KeyPair subjectKeys, String issuer,
      PrivateKey issuerKey, Instant notBefore, Instant notAfter, boolean authority) {
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
          new BigInteger(63, new SecureRandom()), Date.from(notBefore), Date.from(notAfter),
          new X500Name(subject), subjectKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
      if (authority) {
        b.addExtension(Extension.keyUsage, true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost")}));
      }
      String signature = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA"
          : "SHA256withRSA";
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder(signature).build(issuerKey)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The certificate as one PEM CERTIFICATE block. */
  public String certificatePem() {
    return pem(certificate);
  }

  /** The private key as PEM in {@code format}; encrypted ones with the passphrase "secret". */
  public String keyPem(KeyFormat format) {
    return keyPem(keys, format);
  }

  /**
   * The private key of {@code keys} as PEM in {@code format}; encrypted ones with the passphrase
   * "secret". A traditional EC key is SEC1 with its named curve and public point, as openssl writes
   * it (RFC 5915 requires the curve; the JDK's PKCS#8 encoding leaves it to the outer structure).
   */
  public static String keyPem(KeyPair keys, KeyFormat format) {
    PrivateKey key = keys.getPrivate();
    try {
      return switch (format) {
        case PKCS8 -> pem(new JcaPKCS8Generator(key, null));
        case TRADITIONAL -> traditional(keys);
        case SEC1_AFTER_PARAMETERS -> pem(new PemObject("EC PARAMETERS", P256.getEncoded()))
            + traditional(keys);
        case ENCRYPTED_PKCS8 -> pem(new PemObject("ENCRYPTED PRIVATE KEY", encryptedPkcs8(key)));
        case ENCRYPTED_TRADITIONAL -> encryptedTraditional(key);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ASN1ObjectIdentifier P256 = new ASN1ObjectIdentifier("1.2.840.10045.3.1.7");

  private static String traditional(KeyPair keys) throws IOException {
    if (!(keys.getPrivate() instanceof ECPrivateKey ec)) {
      return pem(keys.getPrivate()); // BEGIN RSA PRIVATE KEY (PKCS#1), BEGIN DSA PRIVATE KEY
    }
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
        ec.getS(), new DERBitString(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded())
            .getPublicKeyData().getBytes()), P256);
    return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
  }

  /**
   * A PKCS#1 key encrypted the legacy OpenSSL way (openssl genrsa -aes256): AES-256-CBC under
   * EVP_BytesToKey(MD5, passphrase, the IV's first 8 bytes as salt), named in PEM headers. Written
   * here with the JDK's MD5 and AES because BouncyCastle's writer needs its own provider for it.
   */
  private static String encryptedTraditional(PrivateKey key) throws IOException {
    try {
      byte[] pkcs1 = PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey()
          .toASN1Primitive().getEncoded();
      byte[] iv = new byte[16];
      new SecureRandom().nextBytes(iv);
      byte[] password = "secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] aesKey = new byte[32];
      byte[] previous = new byte[0];
      for (int filled = 0; filled < aesKey.length; filled += previous.length) {
        md5.update(previous);
        md5.update(password);
        md5.update(iv, 0, 8);
        previous = md5.digest();
        System.arraycopy(previous, 0, aesKey, filled, Math.min(previous.length, 32 - filled));
      }
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
      return pem(new PemObject("RSA PRIVATE KEY", List.of(new PemHeader("Proc-Type", "4,ENCRYPTED"),
          new PemHeader("DEK-Info", "AES-256-CBC," + HexFormat.of().withUpperCase().formatHex(iv))),
          cipher.doFinal(pkcs1)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, what openssl genpkey -aes256 writes. */
  private static byte[] encryptedPkcs8(PrivateKey key) throws IOException {
    try {
      String algorithm = "PBEWithHmacSHA256AndAES_256";
      byte[] salt = new byte[16];
      byte[] iv = new byte[16];
      new SecureRandom().nextBytes(salt);
      new SecureRandom().nextBytes(iv);
      Cipher cipher = Cipher.getInstance(algorithm);
      cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
          .generateSecret(new PBEKeySpec("secret".toCharArray())),
          new PBEParameterSpec(salt, 10_000, new IvParameterSpec(iv)));
      byte[] encrypted = cipher.doFinal(key.getEncoded());
      // JDK 17's javax.crypto.EncryptedPrivateKeyInfo cannot name PBES2 parameters; BC's ASN.1 can.
      return new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
          PBES2Parameters.getInstance(cipher.getParameters().getEncoded())), encrypted)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code text} to {@code file}. */
  public static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(Object o) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
