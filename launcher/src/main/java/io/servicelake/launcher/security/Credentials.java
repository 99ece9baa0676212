package io.servicelake.launcher.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The embedded Trino's users and their passwords. Nothing is baked into the repository: the first
 * start generates a random password per user and keeps the clear text in one owner-only file
 * ({@code rw-------}) under the data directory; Trino itself only gets bcrypt hashes. Later starts
 * keep every existing password and add one for a user new to the roster.
 */
public final class Credentials {

  /** Owner read/write only: the clear passwords and the hashes are nobody else's business. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  /** Trino rejects bcrypt costs below 8; 10 keeps a login at ~50 ms. */
  static final int BCRYPT_COST = 10;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private Credentials() {}

  /**
   * Makes sure {@code passwordsFile} holds a password for every user of {@code users}, generating
   * the missing ones, and returns user → clear password for those users.
   */
  public static Map<String, String> ensure(Path passwordsFile, List<String> users) {
    Map<String, String> existing = read(passwordsFile);
    Map<String, String> all = new TreeMap<>(existing);
    for (String user : users) {
      all.computeIfAbsent(user, u -> randomPassword(24));
    }
    if (!all.equals(existing) || !Files.exists(passwordsFile)) {
      Properties properties = new Properties();
      properties.putAll(all);
      writeOwnerOnly(
          passwordsFile,
          writer ->
              properties.store(
                  writer,
                  " ServiceLake embedded Trino: user=password, generated on first start."
                      + " Keep private (rw-------)."));
    } else {
      restrict(passwordsFile);
    }
    Map<String, String> result = new LinkedHashMap<>();
    users.forEach(u -> result.put(u, all.get(u)));
    return result;
  }

  /** The clear password of {@code user} from {@code passwordsFile}, if the file has one. */
  public static Optional<String> password(Path passwordsFile, String user) {
    return Optional.ofNullable(read(passwordsFile).get(user));
  }

  /**
   * Writes Trino's password file: one {@code user:$2y$...} line per user, owner-only. Rewritten
   * each start (fresh salts), so a password changed in the passwords file takes effect.
   */
  public static void writeTrinoPasswordFile(Path file, Map<String, String> passwords) {
    StringBuilder text = new StringBuilder();
    passwords.forEach(
        (user, password) ->
            text.append(user)
                .append(':')
                .append(BCrypt.hashpw(password, BCrypt.gensalt("$2y", BCRYPT_COST, RANDOM)))
                .append('\n'));
    writeOwnerOnly(file, writer -> writer.write(text.toString()));
  }

  public static String randomPassword(int length) {
    StringBuilder password = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }

  private static Map<String, String> read(Path file) {
    Map<String, String> map = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return map;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
    return map;
  }

  /** What writes a file's content. */
  public interface Content {
    void write(Writer writer) throws IOException;
  }

  /**
   * Writes {@code file} so that it is never readable by others, not even for a moment: a new
   * temporary file is created owner-only, filled, then moved over the old one.
   */
  public static void writeOwnerOnly(Path file, Content content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp =
          Files.createTempFile(
              file.toAbsolutePath().getParent(),
              file.getFileName().toString(),
              ".tmp",
              PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      try (Writer writer = Files.newBufferedWriter(tmp)) {
        content.write(writer);
      }
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
