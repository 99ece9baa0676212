package io.servicelake.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.servicelake.transforms.sim.SimulatedEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

  private record Run(int exit, String out, String err) {}

  private static Run run(SimulateCommand command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void writesRecordsAndGroundTruthAndASummaryLine(@TempDir Path dir) throws Exception {
    Run run = run(new SimulateCommand(), "--seed", "9", "--units", "300", "--out", dir.toString());
    assertThat(run.exit()).isZero();
    JsonNode truth = new ObjectMapper().readTree(dir.resolve("ground-truth.json").toFile());
    long records = truth.at("/counts/records").asLong();
    assertThat(truth.at("/parameters/config/seed").asLong()).isEqualTo(9);
    // 300 sold units, plus the free replacements of units exchanged after two failures
    assertThat(truth.at("/counts/events_by_type/product.shipped").asLong())
        .isEqualTo(300 + truth.at("/replacement/replacement_units_shipped").asLong());
    assertThat(truth.at("/replacement/replacement_units_shipped").asLong()).isPositive();
    // counted as bytes: the invalid-UTF-8 records would break a text reader, by design
    byte[] file = Files.readAllBytes(dir.resolve("events.jsonl"));
    long lines = 0;
    for (byte b : file) {
      lines += b == '\n' ? 1 : 0;
    }
    assertThat(lines).isEqualTo(records);
    assertThat(run.out().lines().toList()).hasSize(1);
    assertThat(run.out()).startsWith("simulated " + records + " records").contains("seed 9");
  }

  @Test
  void perTypeWritesOneFilePerEventTypeAndSameSeedSameBytes(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertThat(
            run(new SimulateCommand(), "--units", "200", "--out", a.toString(), "--per-type")
                .exit())
        .isZero();
    assertThat(
            run(new SimulateCommand(), "--units", "200", "--out", b.toString(), "--per-type")
                .exit())
        .isZero();
    assertThat(a.resolve("workorder.completed.jsonl")).exists();
    assertThat(a.resolve("events.jsonl")).doesNotExist();
    try (var files = Files.list(a)) {
      for (Path file : files.toList()) {
        assertThat(Files.readAllBytes(file))
            .as(file.toString())
            .isEqualTo(Files.readAllBytes(b.resolve(file.getFileName())));
      }
    }
  }

  @Test
  void sinkFactoryIsTheHookForOtherOutputs(@TempDir Path dir) throws Exception {
    List<SimulatedEvent> seen = new ArrayList<>();
    SimulateCommand.SinkFactory memory =
        (out, perType) ->
            new SimulateCommand.Sink() {
              @Override
              public void accept(SimulatedEvent event) {
                seen.add(event);
              }

              @Override
              public void close() {}

              @Override
              public String describe() {
                return "memory";
              }
            };
    Run run =
        run(
            new SimulateCommand(memory),
            "--units",
            "100",
            "--bad-share",
            "0",
            "--out",
            dir.toString());
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("(0 flagged bad)").endsWith("-> memory\n");
    assertThat(seen).isNotEmpty().noneMatch(SimulatedEvent::isBad);
    assertThat(dir.resolve("events.jsonl")).doesNotExist();
    assertThat(dir.resolve("ground-truth.json")).exists();
  }

  @Test
  void badFlagsExitWithUsageErrorsNamingTheProblem(@TempDir Path dir) throws Exception {
    Run negative = run(new SimulateCommand(), "--units", "-5", "--out", dir.toString());
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(negative.err()).contains("--units must be at least 1, got -5");

    Run share = run(new SimulateCommand(), "--bad-share", "1.5", "--out", dir.toString());
    assertThat(share.exit()).isEqualTo(2);
    assertThat(share.err()).contains("--bad-share must be between 0 and 1, got 1.5");

    Run missing = run(new SimulateCommand(), "--units", "10");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--out=<out>'");

    Run notANumber = run(new SimulateCommand(), "--units", "many", "--out", dir.toString());
    assertThat(notANumber.exit()).isEqualTo(2);
    assertThat(notANumber.err()).contains("--units").contains("many");

    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    Run notADirectory = run(new SimulateCommand(), "--units", "10", "--out", file.toString());
    assertThat(notADirectory.exit()).isEqualTo(2);
    assertThat(notADirectory.err()).contains("is not a directory");
  }

  @Test
  void kafkaFlagsAreCheckedBeforeAnythingRuns(@TempDir Path dir) {
    Run perType = run(new SimulateCommand(), "--to-kafka", "--per-type", "--out", dir.toString());
    assertThat(perType.exit()).isEqualTo(2);
    assertThat(perType.err()).contains("--per-type").contains("does not apply to --sink kafka");

    Run rate = run(new SimulateCommand(), "--rate", "-3", "--out", dir.toString());
    assertThat(rate.exit()).isEqualTo(2);
    assertThat(rate.err()).contains("--rate must be a number of records per second >= 0");

    Run sink = run(new SimulateCommand(), "--sink", "s3", "--out", dir.toString());
    assertThat(sink.exit()).isEqualTo(2);
    assertThat(sink.err()).contains("--sink").contains("s3");
  }

  @Test
  void rateCapsTheRecordsPerSecond(@TempDir Path dir) {
    // 100 units give ~1,500 records: at 20,000/s that is at least ~75 ms; a lower bound only
    long start = System.nanoTime();
    Run run =
        run(new SimulateCommand(), "--units", "100", "--rate", "20000", "--out", dir.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(run.exit()).isZero();
    long records = Long.parseLong(run.out().split(" ")[1]);
    assertThat(seconds).isGreaterThanOrEqualTo((records - 1) / 20000.0);
  }

  @Test
  void helpIsAvailable() {
    Run help = run(new SimulateCommand(), "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains("--per-type", "--bad-share", "--seed", "--units", "--out")
        .contains("--to-kafka", "--sink", "--rate");
  }
}
