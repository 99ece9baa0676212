package io.servicelake.launcher.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds a JDK new enough for Trino among the installed ones. */
public final class JavaFinder {

  /** Trino 476 requires Java 24 or newer. */
  public static final int TRINO_MIN_JAVA = 24;

  private static final Path SYSTEM_JVM_DIR = Path.of("/usr/lib/jvm");
  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private JavaFinder() {}

  /**
   * The {@code java} binary to run Trino with: {@code explicitHome} if given (it must be new
   * enough), else the newest JDK ≥ 24 under {@code /usr/lib/jvm}.
   */
  public static Path trinoJava(Optional<Path> explicitHome) {
    if (explicitHome.isPresent()) {
      Path home = explicitHome.get();
      int version = majorVersion(home).orElse(0);
      if (version < TRINO_MIN_JAVA) {
        throw new IllegalStateException(
            "trino.java-home (TRINO_JAVA_HOME) = "
                + home
                + " is not a JDK "
                + TRINO_MIN_JAVA
                + " or newer (found "
                + (version == 0 ? "no release file" : "Java " + version)
                + "). Point it at a JDK 24+ home.");
      }
      return home.resolve("bin/java");
    }
    return newestAtLeast(SYSTEM_JVM_DIR, TRINO_MIN_JAVA)
        .map(home -> home.resolve("bin/java"))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Trino needs Java "
                        + TRINO_MIN_JAVA
                        + " or newer, and none was found under "
                        + SYSTEM_JVM_DIR
                        + ". Install a JDK 24+ there (for example Eclipse Temurin 25, package"
                        + " temurin-25-jdk) or set TRINO_JAVA_HOME to the home of one."));
  }

  static Optional<Path> newestAtLeast(Path dir, int minimum) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(dir)) {
      List<Path> candidates =
          homes
              .filter(home -> Files.isExecutable(home.resolve("bin/java")))
              .filter(home -> majorVersion(home).orElse(0) >= minimum)
              .sorted(Comparator.comparingInt((Path home) -> majorVersion(home).orElse(0)))
              .toList();
      return candidates.isEmpty()
          ? Optional.empty()
          : Optional.of(candidates.get(candidates.size() - 1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<Integer> majorVersion(Path home) {
    try {
      Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
      return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
