package io.servicelake.launcher.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded Trino's TLS material, made once on first start with the JDK's own {@code keytool}: a
 * PKCS12 keystore holding a self-signed RSA certificate for {@code localhost} / {@code 127.0.0.1}
 * (the only names the loopback-bound server answers on), and that certificate as PEM for clients to
 * trust. Kept across restarts, so a client that trusts it once keeps working.
 *
 * @param keystore PKCS12 keystore with the key pair (owner-only)
 * @param keystorePassword its password (also in an owner-only file beside it)
 * @param certificatePem the certificate, PEM: a truststore for JDBC, the Trino CLI, Python
 */
public record SelfSignedTls(Path keystore, String keystorePassword, Path certificatePem) {

  static final String ALIAS = "servicelake-trino";
  static final String SUBJECT_ALT_NAMES = "dns:localhost,ip:127.0.0.1";

  /** Reuses the material in {@code dir}, or generates it with {@code keytool}. */
  public static SelfSignedTls ensure(Path dir, Path keytool) {
    Path keystore = dir.resolve("keystore.p12");
    Path passwordFile = dir.resolve("keystore.password");
    Path pem = dir.resolve("trino.pem");
    try {
      if (Files.isRegularFile(keystore)
          && Files.isRegularFile(passwordFile)
          && Files.isRegularFile(pem)) {
        return new SelfSignedTls(keystore, Files.readString(passwordFile).strip(), pem);
      }
      Files.createDirectories(dir);
      Files.deleteIfExists(keystore);
      String password = Credentials.randomPassword(32);
      Credentials.writeOwnerOnly(passwordFile, w -> w.write(password + "\n"));
      run(
          keytool,
          "-genkeypair",
          "-alias",
          ALIAS,
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-sigalg",
          "SHA256withRSA",
          "-validity",
          "3650",
          "-dname",
          "CN=localhost, OU=embedded Trino, O=ServiceLake",
          "-ext",
          "SAN=" + SUBJECT_ALT_NAMES,
          "-storetype",
          "PKCS12",
          "-keystore",
          keystore.toString(),
          "-storepass",
          password,
          "-keypass",
          password);
      Credentials.restrict(keystore);
      run(
          keytool,
          "-exportcert",
          "-rfc",
          "-alias",
          ALIAS,
          "-storetype",
          "PKCS12",
          "-keystore",
          keystore.toString(),
          "-storepass",
          password,
          "-file",
          pem.toString());
      return new SelfSignedTls(keystore, password, pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(Path keytool, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool " + args[0] + " failed: " + output.replaceAll("-storepass \\S+", ""));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }
}
