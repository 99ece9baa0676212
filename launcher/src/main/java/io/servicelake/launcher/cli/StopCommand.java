package io.servicelake.launcher.cli;

import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.embedded.ManagedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code servicelake stop}: stops a running quickstart and every process it started. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the stack started by 'quickstart' (with or without --detach): the launcher first,",
      "which stops Flink, Kafka, Trino and the catalog; then any leftover child process."
    })
public final class StopCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Override
  public Integer call() throws IOException {
    ServiceLakeConfig config = configOptions.load();
    Path run = config.dataDir().resolve("run");
    boolean any = ManagedProcess.stopRecorded(run.resolve(QuickstartCommand.LAUNCHER_PID));
    if (Files.isDirectory(run)) {
      List<Path> leftovers;
      try (Stream<Path> files = Files.list(run)) {
        leftovers = files.filter(p -> p.toString().endsWith(".pid")).toList();
      }
      for (Path pidFile : leftovers) {
        any |= ManagedProcess.stopRecorded(pidFile);
      }
      Files.deleteIfExists(run.resolve(QuickstartCommand.READY_FILE));
    }
    System.out.println(any ? "ServiceLake stopped." : "Nothing was running (" + run + ").");
    return 0;
  }
}
