package io.servicelake.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MartsBenchmarkTest {

  private static MartsBenchmark.Result run(String master, double buildSeconds, long... rows) {
    List<MartsBenchmark.Model> models =
        List.of(
            new MartsBenchmark.Model("lake.marts.a", rows[0], 1500),
            new MartsBenchmark.Model("lake.marts.b", rows[1], 250));
    return new MartsBenchmark.Result(
        1000,
        112,
        7,
        master,
        2,
        3.0,
        buildSeconds,
        models,
        2.5,
        java.util.Map.of("launcher", 2.5),
        1.0,
        100,
        90);
  }

  @Test
  void sameRowsInBothModesMeansNoDifference() {
    assertThat(
            MartsBenchmark.rowDifferences(
                run("local[2]", 1.75, 10, 20), run("spark://127.0.0.1:7077", 4.0, 10, 20)))
        .isEmpty();
  }

  @Test
  void namesEveryModelWhoseRowsDiffer() {
    assertThat(
            MartsBenchmark.rowDifferences(
                run("local[2]", 1.75, 10, 20), run("spark://127.0.0.1:7077", 4.0, 10, 21)))
        .containsExactlyEntriesOf(java.util.Map.of("lake.marts.b", "20 vs 21"));
  }

  @Test
  void csvOfBothModesHasOneLinePerModelAndTheTotals() {
    assertThat(
            MartsBenchmark.toCsv(
                run("local[2]", 1.75, 10, 20), run("spark://127.0.0.1:7077", 4.0, 10, 20)))
        .isEqualTo(
            "table,embedded_rows,cluster_rows,embedded_seconds,cluster_seconds\n"
                + "lake.marts.a,10,10,1.500,1.500\n"
                + "lake.marts.b,20,20,0.250,0.250\n"
                + "TOTAL,,,1.750,4.000\n");
  }
}
