package io.servicelake.launcher.cli;

import io.servicelake.launcher.ServiceLakeConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every command that touches the stack shares: which configuration to use. */
public final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file with the deployment settings (default: ./servicelake.properties if"
              + " present). See README, 'Configuration'.")
  Path configFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where embedded components keep their state (default: ./data).")
  Path dataDir;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override one setting, e.g. --set trino.port=18090. Repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  public ServiceLakeConfig load() {
    Map<String, String> all = new HashMap<>(overrides);
    if (dataDir != null) {
      all.put("data-dir", dataDir.toString());
    }
    ServiceLakeConfig config =
        ServiceLakeConfig.load(Optional.ofNullable(configFile), System.getenv(), all);
    // Read by log4j2.properties when the first engine logger is created, which is after this.
    if (System.getProperty("servicelake.log.dir") == null) {
      System.setProperty("servicelake.log.dir", config.dataDir().resolve("logs").toString());
    }
    return config;
  }
}
