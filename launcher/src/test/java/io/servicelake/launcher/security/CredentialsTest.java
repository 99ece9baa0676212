package io.servicelake.launcher.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

class CredentialsTest {

  @TempDir Path dir;

  @Test
  void firstStartGeneratesOwnerOnlyPasswordsAndLaterStartsKeepThem() throws Exception {
    Path file = dir.resolve("trino/passwords.properties");
    Map<String, String> first = Credentials.ensure(file, List.of("admin", "analyst"));
    assertThat(first.keySet()).containsExactly("admin", "analyst");
    assertThat(first.values()).allSatisfy(p -> assertThat(p).hasSize(24));
    assertThat(first.get("admin")).isNotEqualTo(first.get("analyst"));
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Credentials.OWNER_ONLY);

    Map<String, String> second = Credentials.ensure(file, List.of("admin", "analyst", "planner"));
    assertThat(second.get("admin")).isEqualTo(first.get("admin"));
    assertThat(second.get("analyst")).isEqualTo(first.get("analyst"));
    assertThat(second.get("planner")).hasSize(24);
    assertThat(Credentials.password(file, "planner")).contains(second.get("planner"));
    assertThat(Credentials.password(file, "nobody")).isEmpty();
  }

  @Test
  void trinosPasswordFileHoldsBcrypt2yHashesOnly() throws Exception {
    Path file = dir.resolve("password.db");
    Credentials.writeTrinoPasswordFile(file, Map.of("analyst", "s3cret-Pass"));
    String line = Files.readString(file).strip();
    assertThat(line).startsWith("analyst:$2y$10$").doesNotContain("s3cret-Pass");
    String hash = line.substring("analyst:".length());
    assertThat(BCrypt.checkpw("s3cret-Pass", hash)).isTrue();
    assertThat(BCrypt.checkpw("wrong", hash)).isFalse();
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Credentials.OWNER_ONLY);
  }
}
