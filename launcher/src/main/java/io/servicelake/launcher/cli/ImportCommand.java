package io.servicelake.launcher.cli;

import io.servicelake.ingestion.FileImport;
import io.servicelake.launcher.ServiceLakeConfig;
import io.servicelake.launcher.StackEndpoints;
import io.servicelake.transforms.config.LakeSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code servicelake import}: loads historical exports through the stream's validation into the
 * running stack's lake (see {@link FileImport} for the re-import guard). The per-file report goes
 * to stdout, every quarantined row as {@code file:line: CODE reason} to stderr.
 *
 * <p>Exit codes: 0 when every file was loaded or skipped as already imported (quarantined rows are
 * reported, not an error); 1 when a file could not be read or the stack does not answer; 2 for bad
 * arguments.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Load historical exports into the raw event tables through the same validation as the stream.",
      "PATH is a JSON Lines file (*.jsonl, *.ndjson, *.json: one event object per line), a CSV",
      "file with a header of event field names (*.csv), or a directory (its *.jsonl, *.ndjson",
      "and *.csv files).",
      "Invalid rows go to raw.quarantine with file, line and reason, and are listed on stderr.",
      "A file whose content was imported before is skipped (ledger raw.imports, by SHA-256).",
      "Needs the running stack's catalog: ./servicelake quickstart --detach"
    })
public final class ImportCommand implements Callable<Integer> {

  @Mixin ConfigOptions configOptions;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to load.")
  List<Path> paths;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Flink parallelism of the import job (default: flink.parallelism).")
  Integer parallelism;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<Path> files = expand();
    ServiceLakeConfig config = configOptions.load();
    LakeSettings lake = StackEndpoints.lakeForCatalog(config);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.printf(
        Locale.ROOT, "Importing %d file(s) into catalog %s%n", files.size(), lake.catalogUri());
    out.flush();
    List<FileImport.FileReport> reports =
        new FileImport(lake, parallelism == null ? config.parallelism() : parallelism)
            .run(
                files,
                line -> {
                  out.println("  " + line);
                  out.flush();
                });
    return report(reports, out, err);
  }

  /** Prints the per-file report and the bad rows; returns the exit code. */
  static int report(List<FileImport.FileReport> reports, PrintWriter out, PrintWriter err) {
    long loaded = 0;
    long quarantined = 0;
    int skipped = 0;
    int failed = 0;
    out.printf(Locale.ROOT, "%10s %12s  %s%n", "loaded", "quarantined", "file");
    for (FileImport.FileReport report : reports) {
      switch (report.outcome()) {
        case LOADED -> {
          out.printf(
              Locale.ROOT, "%10d %12d  %s%n", report.loaded(), report.quarantined(), report.file());
          loaded += report.loaded();
          quarantined += report.quarantined();
          for (FileImport.BadRow row : report.badRows()) {
            err.printf(
                Locale.ROOT, "%s:%d: %s %s%n", report.file(), row.line(), row.code(), row.reason());
          }
          if (report.badRows().size() < report.quarantined()) {
            err.printf(
                Locale.ROOT,
                "%s: %d more quarantined rows not listed; query lake.raw.quarantine%n",
                report.file(),
                report.quarantined() - report.badRows().size());
          }
        }
        case SKIPPED -> {
          out.printf(Locale.ROOT, "%10s %12s  %s: %s%n", "-", "-", report.file(), report.note());
          skipped++;
        }
        case FAILED -> {
          out.printf(
              Locale.ROOT, "%10s %12s  %s: FAILED, %s%n", "-", "-", report.file(), report.note());
          err.printf(Locale.ROOT, "%s: not imported: %s%n", report.file(), report.note());
          failed++;
        }
      }
    }
    out.printf(
        Locale.ROOT,
        "Total: %d rows loaded into the raw event tables, %d quarantined in raw.quarantine; %d file(s)"
            + " skipped, %d failed.%n",
        loaded,
        quarantined,
        skipped,
        failed);
    if (quarantined > 0) {
      out.println(
          "Quarantined rows: ./servicelake sql \"SELECT kafka_topic, kafka_offset, error_code,"
              + " reason FROM lake.raw.quarantine WHERE kafka_topic LIKE 'file:%'\"");
    }
    out.flush();
    err.flush();
    return failed > 0 ? 1 : 0;
  }

  /**
   * Whether a directory listing includes the file: {@code *.json} only when named explicitly, since
   * a directory's {@code .json} files are usually single documents (such as the simulator's {@code
   * ground-truth.json}), not JSON Lines.
   */
  static boolean exportInDirectory(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return FileImport.Format.of(file).isPresent() && !name.endsWith(".json");
  }

  /** The files named, directories replaced by their importable files; argument errors exit 2. */
  List<Path> expand() throws IOException {
    CommandLine cli = spec.commandLine();
    Set<Path> files = new LinkedHashSet<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new CommandLine.ParameterException(cli, "No such file or directory: " + path);
      }
      if (Files.isDirectory(path)) {
        List<Path> inside;
        try (Stream<Path> listing = Files.list(path)) {
          inside =
              listing
                  .filter(Files::isRegularFile)
                  .filter(ImportCommand::exportInDirectory)
                  .sorted()
                  .toList();
        }
        if (inside.isEmpty()) {
          throw new CommandLine.ParameterException(
              cli, "Directory " + path + " holds no *.jsonl, *.ndjson or *.csv file");
        }
        inside.forEach(p -> files.add(p.toAbsolutePath().normalize()));
      } else if (FileImport.Format.of(path).isEmpty()) {
        throw new CommandLine.ParameterException(
            cli,
            "Cannot tell the format of "
                + path
                + ": name JSON Lines files *.jsonl (or .ndjson, .json) and CSV files *.csv");
      } else {
        files.add(path.toAbsolutePath().normalize());
      }
    }
    if (parallelism != null && parallelism < 1) {
      throw new CommandLine.ParameterException(
          cli, "--parallelism must be at least 1, got " + parallelism);
    }
    return new ArrayList<>(files);
  }
}
