package io.servicelake.launcher.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFinderTest {

  @TempDir Path jvms;

  private Path fakeJdk(String name, String version) throws Exception {
    Path home = jvms.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    return home;
  }

  @Test
  void picksTheNewestJdkThatIsNewEnough() throws Exception {
    fakeJdk("java-17-openjdk-amd64", "17.0.15");
    fakeJdk("temurin-24-jdk-amd64", "24.0.2");
    Path newest = fakeJdk("temurin-25-jdk-amd64", "25.0.3");
    assertThat(JavaFinder.newestAtLeast(jvms, 24)).contains(newest);
  }

  @Test
  void findsNothingWhenEveryJdkIsTooOld() throws Exception {
    fakeJdk("java-17-openjdk-amd64", "17.0.15");
    assertThat(JavaFinder.newestAtLeast(jvms, 24)).isEmpty();
  }

  @Test
  void anExplicitHomeThatIsTooOldIsRefusedWithTheFix() throws Exception {
    Path old = fakeJdk("java-17-openjdk-amd64", "17.0.15");
    assertThatThrownBy(() -> JavaFinder.trinoJava(Optional.of(old)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a JDK 24 or newer (found Java 17)")
        .hasMessageContaining("JDK 24+");
    Path ok = fakeJdk("temurin-25-jdk-amd64", "25.0.3");
    assertThat(JavaFinder.trinoJava(Optional.of(ok))).isEqualTo(ok.resolve("bin/java"));
  }
}
